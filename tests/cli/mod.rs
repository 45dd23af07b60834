mod errors;
mod faults;
mod listing;
mod rejections;
mod roles;
mod search;
mod shutdown;
mod sync;
