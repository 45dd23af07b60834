mod errors;
mod listing;
mod search;
