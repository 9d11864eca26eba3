//! Progress hooks: the use cases report what they are doing; the binary decides how to show it
//! (a progress bar on a TTY, nothing under `--quiet`).

/// Receives progress of a long run. Implementations must be cheap: called once per file.
pub trait Progress {
    /// The run will process `total` items.
    fn start(&self, total: u64);
    /// One item (named by `label`, e.g. a path) is done.
    fn advance(&self, label: &str);
    /// A message to show without breaking the bar (e.g. a per-file error).
    fn message(&self, text: &str);
    fn finish(&self);
}

/// Shows nothing.
pub struct NoProgress;

impl Progress for NoProgress {
    fn start(&self, _total: u64) {}
    fn advance(&self, _label: &str) {}
    fn message(&self, _text: &str) {}
    fn finish(&self) {}
}
