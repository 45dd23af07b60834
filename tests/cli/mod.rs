mod errors;
mod faults;
mod listing;
mod rejections;
mod search;
mod shutdown;
mod sync;
