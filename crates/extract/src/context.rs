//! Owns the shared helpers field extractors use: per-sentence weights inside a victim's block
//! (proximity to the victim's mentions, advice and statistics discounts, title bonus) and
//! building `Evidence`.

use crate::lexicon::mark;
use crate::scan::DocScan;
use crate::segment::Block;
use leakwatch_model::{DocId, Evidence, Span};

/// What every field extractor of one victim reads.
pub struct VictimContext<'s, 'a> {
    pub scan: &'s DocScan<'a>,
    pub block: &'s Block,
    pub doc_id: &'s DocId,
    pub title_line: Option<usize>,
}

impl VictimContext<'_, '_> {
    /// How much a sentence of the block speaks about the victim: 1.0 for a sentence that
    /// names it, decaying with distance; discounted for advice and statistics.
    pub fn weight(&self, sentence: usize) -> f32 {
        let Some(d) = self.block.distance_of(sentence) else {
            return 0.0;
        };
        let mut w = match d {
            0 => 1.0,
            1 => 0.7,
            2 => 0.5,
            3 => 0.35,
            4..=6 => 0.2,
            7..=12 => 0.08,
            _ => 0.03,
        };
        let s = self.scan;
        if s.has(sentence, mark::GENERIC) {
            w *= 0.25;
        }
        if s.has(sentence, mark::STAT) && !s.has(sentence, mark::CONFIRM) {
            w *= 0.4;
        }
        if s.has(sentence, mark::SURVEY) {
            w *= 0.1;
        }
        if s.has(sentence, mark::BACKGROUND) {
            w *= 0.3;
        }
        if Some(s.line_of(sentence)) == self.title_line {
            w *= 1.6;
        }
        w
    }

    pub fn in_block(&self, sentence: usize) -> bool {
        self.block.sentences.binary_search(&sentence).is_ok()
    }

    pub fn evidence(&self, start: usize, end: usize, sentence: usize) -> Evidence {
        Evidence {
            doc_id: self.doc_id.clone(),
            span: Span::new(start, end),
            sentence: self.scan.sentence_text(sentence).to_string(),
        }
    }

    /// Confidence from a base value and the sentence weight.
    pub fn confidence(&self, base: f32, sentence: usize) -> f32 {
        (base * (0.55 + 0.45 * self.weight(sentence).min(1.0))).clamp(0.05, 0.99)
    }
}
