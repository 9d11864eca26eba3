//! Owns the learned part of extraction: named features, linear (softmax) models whose weights
//! are a data file, the deterministic trainer, and the alignment of candidates to gold labels.

pub mod align;
pub mod gold;
pub mod linear;
pub mod models;
pub mod train;
