mod errors;
mod listing;
mod search;
mod sync;
