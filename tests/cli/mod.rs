mod errors;
mod faults;
mod listing;
mod search;
mod sync;
