//! Test support shared by the crates' and the binary's integration tests. Owns only test
//! fixtures that talk to real sockets on 127.0.0.1; never used by production code.

pub mod corpus;
pub mod http;
