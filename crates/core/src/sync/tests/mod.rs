//! The engine against in-memory vendors and an in-memory cache.

mod fakes;
mod lookups;
mod passes;
