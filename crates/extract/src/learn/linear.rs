//! Owns the linear models every learned decision uses: named features in, class probabilities
//! out (multinomial logistic regression), their JSON form, and the deterministic trainer
//! (L2-regularised maximum likelihood by L-BFGS, full batch, fixed iteration order), so the same
//! examples always give the same weights.

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// The named features of one decision (an entity, an incident, a date mention). Names are
/// static: every feature is written in the code that computes it, so `--explain` and the
/// weights file speak the same words.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Features(pub Vec<(&'static str, f32)>);

impl Features {
    pub fn new() -> Features {
        Features(Vec::with_capacity(32))
    }

    /// Adds a feature; zero values are left out (they contribute nothing).
    pub fn add(&mut self, name: &'static str, value: f32) {
        if value != 0.0 && value.is_finite() {
            self.0.push((name, value));
        }
    }

    /// Adds a feature of value 1 when `on`.
    pub fn flag(&mut self, name: &'static str, on: bool) {
        if on {
            self.0.push((name, 1.0));
        }
    }

    /// Adds `log(1 + count)`: counts matter, but the tenth mention less than the second.
    pub fn count(&mut self, name: &'static str, count: usize) {
        self.add(name, (count as f32).ln_1p());
    }

    pub fn get(&self, name: &str) -> f32 {
        self.0
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v)
            .sum()
    }
}

/// FNV-1a for the feature-name index: names are short and looked up for every feature of
/// every decision, where the default SipHash showed in profiles. Not exposed to input an
/// attacker controls as keys (the keys are the model's own feature names).
#[derive(Debug, Clone, Default)]
pub struct BuildNameHasher;

pub struct NameHasher(u64);

impl std::hash::Hasher for NameHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

impl std::hash::BuildHasher for BuildNameHasher {
    type Hasher = NameHasher;
    fn build_hasher(&self) -> NameHasher {
        NameHasher(0xcbf2_9ce4_8422_2325)
    }
}

/// A multinomial logistic regression over named features, as stored in the weights file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LinearModel {
    /// Class labels, in the order of every weight vector.
    pub classes: Vec<String>,
    pub bias: Vec<f32>,
    /// Feature name → one weight per class (sorted by name in the file).
    pub weights: BTreeMap<String, Vec<f32>>,
    /// A lookup table built on load (not stored).
    #[serde(skip)]
    index: HashMap<String, usize, BuildNameHasher>,
    #[serde(skip)]
    rows: Vec<Vec<f32>>,
}

/// One feature's part in a decision, for `--explain`.
#[derive(Debug, Clone, PartialEq)]
pub struct Contribution {
    pub feature: &'static str,
    pub value: f32,
    /// value × weight of the chosen class.
    pub amount: f32,
}

impl LinearModel {
    pub fn new(
        classes: Vec<String>,
        bias: Vec<f32>,
        weights: BTreeMap<String, Vec<f32>>,
    ) -> LinearModel {
        let mut m = LinearModel {
            classes,
            bias,
            weights,
            index: HashMap::default(),
            rows: Vec::new(),
        };
        m.build_index();
        m
    }

    /// Builds the lookup table; called after deserialising.
    pub fn build_index(&mut self) {
        self.index.clear();
        self.rows.clear();
        for (i, (name, w)) in self.weights.iter().enumerate() {
            self.index.insert(name.clone(), i);
            self.rows.push(w.clone());
        }
    }

    /// Checks that every weight vector has one weight per class.
    pub fn validate(&self) -> Result<(), String> {
        let k = self.classes.len();
        if k < 1 {
            return Err("a model needs at least one class".into());
        }
        if self.bias.len() != k {
            return Err(format!(
                "bias has {} values for {k} classes",
                self.bias.len()
            ));
        }
        if let Some((name, w)) = self.weights.iter().find(|(_, w)| w.len() != k) {
            return Err(format!(
                "feature {name} has {} weights for {k} classes",
                w.len()
            ));
        }
        Ok(())
    }

    pub fn class_index(&self, label: &str) -> Option<usize> {
        self.classes.iter().position(|c| c == label)
    }

    /// Unnormalised class scores.
    pub fn logits(&self, f: &Features) -> Vec<f32> {
        let mut z = self.bias.clone();
        for (name, v) in &f.0 {
            if let Some(&i) = self.index.get(*name) {
                for (zk, wk) in z.iter_mut().zip(&self.rows[i]) {
                    *zk += wk * v;
                }
            }
        }
        z
    }

    /// Class probabilities (softmax of the logits).
    pub fn probabilities(&self, f: &Features) -> Vec<f32> {
        softmax(&self.logits(f))
    }

    /// The probability of one class by label (0 when the model has no such class).
    pub fn probability(&self, f: &Features, label: &str) -> f32 {
        match self.class_index(label) {
            Some(k) => self.probabilities(f)[k],
            None => 0.0,
        }
    }

    /// Each feature's contribution to class `k`'s score, largest magnitude first.
    pub fn contributions(&self, f: &Features, k: usize) -> Vec<Contribution> {
        let mut out: Vec<Contribution> =
            f.0.iter()
                .filter_map(|&(name, value)| {
                    let i = *self.index.get(name)?;
                    Some(Contribution {
                        feature: name,
                        value,
                        amount: value * self.rows[i].get(k).copied().unwrap_or(0.0),
                    })
                })
                .collect();
        out.sort_by(|a, b| b.amount.abs().total_cmp(&a.amount.abs()));
        out
    }
}

pub fn softmax(z: &[f32]) -> Vec<f32> {
    let max = z.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let e: Vec<f32> = z.iter().map(|v| (v - max).exp()).collect();
    let s: f32 = e.iter().sum();
    e.into_iter().map(|v| v / s).collect()
}

/// One training example: features, the index of its true class, and a weight.
#[derive(Debug, Clone)]
pub struct Example {
    pub features: Features,
    pub label: usize,
    pub weight: f32,
}

/// Trainer settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct TrainOptions {
    /// L2 penalty on the weights (not the biases), per example.
    pub l2: f64,
    pub max_iterations: usize,
    /// Features seen in fewer examples than this are left out.
    pub min_count: usize,
}

impl Default for TrainOptions {
    fn default() -> Self {
        TrainOptions {
            l2: 0.001,
            max_iterations: 300,
            min_count: 2,
        }
    }
}

/// Trains a multinomial logistic regression. Deterministic: features are indexed in sorted
/// order and every sum runs in a fixed order.
pub fn train(classes: &[&str], examples: &[Example], opts: TrainOptions) -> LinearModel {
    let k = classes.len();
    // Feature vocabulary, sorted.
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for ex in examples {
        let mut seen: Vec<&'static str> = ex.features.0.iter().map(|(n, _)| *n).collect();
        seen.sort_unstable();
        seen.dedup();
        for n in seen {
            *counts.entry(n).or_default() += 1;
        }
    }
    let vocab: Vec<&'static str> = counts
        .into_iter()
        .filter(|&(_, c)| c >= opts.min_count)
        .map(|(n, _)| n)
        .collect();
    let index: HashMap<&'static str, usize> =
        vocab.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let d = vocab.len();
    // Sparse rows with duplicate names summed.
    let rows: Vec<Vec<(usize, f64)>> = examples
        .iter()
        .map(|ex| {
            let mut r: BTreeMap<usize, f64> = BTreeMap::new();
            for (n, v) in &ex.features.0 {
                if let Some(&i) = index.get(n) {
                    *r.entry(i).or_default() += f64::from(*v);
                }
            }
            r.into_iter().collect()
        })
        .collect();
    let total_weight: f64 = examples
        .iter()
        .map(|e| f64::from(e.weight))
        .sum::<f64>()
        .max(1e-9);
    // Parameters: k biases, then d×k weights (feature-major).
    let n_params = k + d * k;
    let objective = |x: &[f64], grad: &mut [f64]| -> f64 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        let mut z = vec![0.0f64; k];
        for (ex, row) in examples.iter().zip(&rows) {
            let w = f64::from(ex.weight) / total_weight;
            z.copy_from_slice(&x[..k]);
            for &(i, v) in row {
                for c in 0..k {
                    z[c] += x[k + i * k + c] * v;
                }
            }
            let max = z.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let sum: f64 = z.iter().map(|v| (v - max).exp()).sum();
            let log_sum = max + sum.ln();
            loss += w * (log_sum - z[ex.label]);
            for c in 0..k {
                let p = (z[c] - log_sum).exp();
                let err = w * (p - if c == ex.label { 1.0 } else { 0.0 });
                grad[c] += err;
                for &(i, v) in row {
                    grad[k + i * k + c] += err * v;
                }
            }
        }
        for j in k..x.len() {
            loss += 0.5 * opts.l2 * x[j] * x[j];
            grad[j] += opts.l2 * x[j];
        }
        loss
    };
    let x = lbfgs(n_params, opts.max_iterations, objective);
    let mut weights = BTreeMap::new();
    for (i, name) in vocab.iter().enumerate() {
        let w: Vec<f32> = (0..k).map(|c| round6(x[k + i * k + c])).collect();
        weights.insert((*name).to_string(), w);
    }
    LinearModel::new(
        classes.iter().map(|c| c.to_string()).collect(),
        (0..k).map(|c| round6(x[c])).collect(),
        weights,
    )
}

/// A group of candidates of which one is right (the entities of one document and its victim).
#[derive(Debug, Clone)]
pub struct Group {
    pub candidates: Vec<Features>,
    pub target: usize,
    pub weight: f32,
}

/// Trains a ranker: one score per candidate (`w·x`, a single-class model named `class`),
/// fitted so that within each group the softmax of the scores puts its mass on the target
/// (conditional logit). Deterministic like `train`.
pub fn train_ranker(class: &str, groups: &[Group], opts: TrainOptions) -> LinearModel {
    let mut counts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for g in groups {
        for c in &g.candidates {
            let mut seen: Vec<&'static str> = c.0.iter().map(|(n, _)| *n).collect();
            seen.sort_unstable();
            seen.dedup();
            for n in seen {
                *counts.entry(n).or_default() += 1;
            }
        }
    }
    let vocab: Vec<&'static str> = counts
        .into_iter()
        .filter(|&(_, c)| c >= opts.min_count)
        .map(|(n, _)| n)
        .collect();
    let index: HashMap<&'static str, usize> =
        vocab.iter().enumerate().map(|(i, n)| (*n, i)).collect();
    let sparse = |f: &Features| -> Vec<(usize, f64)> {
        let mut r: BTreeMap<usize, f64> = BTreeMap::new();
        for (n, v) in &f.0 {
            if let Some(&i) = index.get(n) {
                *r.entry(i).or_default() += f64::from(*v);
            }
        }
        r.into_iter().collect()
    };
    let rows: Vec<Vec<Vec<(usize, f64)>>> = groups
        .iter()
        .map(|g| g.candidates.iter().map(sparse).collect())
        .collect();
    let n_groups = groups
        .iter()
        .map(|g| f64::from(g.weight))
        .sum::<f64>()
        .max(1e-9);
    let objective = |x: &[f64], grad: &mut [f64]| -> f64 {
        grad.iter_mut().for_each(|g| *g = 0.0);
        let mut loss = 0.0;
        for (g, cands) in groups.iter().zip(&rows) {
            let s: Vec<f64> = cands
                .iter()
                .map(|r| r.iter().map(|&(i, v)| x[i] * v).sum())
                .collect();
            let max = s.iter().copied().fold(f64::NEG_INFINITY, f64::max);
            let log_sum = max + s.iter().map(|v| (v - max).exp()).sum::<f64>().ln();
            let w = f64::from(g.weight) / n_groups;
            loss += w * (log_sum - s[g.target]);
            for (j, r) in cands.iter().enumerate() {
                let p = (s[j] - log_sum).exp();
                let err = w * (p - if j == g.target { 1.0 } else { 0.0 });
                for &(i, v) in r {
                    grad[i] += err * v;
                }
            }
        }
        for j in 0..x.len() {
            loss += 0.5 * opts.l2 * x[j] * x[j];
            grad[j] += opts.l2 * x[j];
        }
        loss
    };
    let x = lbfgs(vocab.len(), opts.max_iterations, objective);
    let weights = vocab
        .iter()
        .enumerate()
        .map(|(i, n)| ((*n).to_string(), vec![round6(x[i])]))
        .collect();
    LinearModel::new(vec![class.to_string()], vec![0.0], weights)
}

/// Weights are stored with six decimals: enough for the decisions, and the file diffs well.
fn round6(v: f64) -> f32 {
    ((v * 1e6).round() / 1e6) as f32
}

/// Limited-memory BFGS with a backtracking (Armijo) line search, from zero.
fn lbfgs(n: usize, max_iter: usize, mut f: impl FnMut(&[f64], &mut [f64]) -> f64) -> Vec<f64> {
    const MEMORY: usize = 10;
    let mut x = vec![0.0f64; n];
    let mut g = vec![0.0f64; n];
    let mut fx = f(&x, &mut g);
    let mut s_hist: Vec<Vec<f64>> = Vec::new();
    let mut y_hist: Vec<Vec<f64>> = Vec::new();
    let dot = |a: &[f64], b: &[f64]| a.iter().zip(b).map(|(p, q)| p * q).sum::<f64>();
    let mut x_new = vec![0.0f64; n];
    let mut g_new = vec![0.0f64; n];
    for _ in 0..max_iter {
        let gnorm = g.iter().fold(0.0f64, |m, v| m.max(v.abs()));
        if gnorm < 1e-7 {
            break;
        }
        // Two-loop recursion: d = -H g.
        let mut q = g.clone();
        let m = s_hist.len();
        let mut alpha = vec![0.0; m];
        for i in (0..m).rev() {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            alpha[i] = rho * dot(&s_hist[i], &q);
            for (qj, yj) in q.iter_mut().zip(&y_hist[i]) {
                *qj -= alpha[i] * yj;
            }
        }
        let gamma = if m > 0 {
            dot(&s_hist[m - 1], &y_hist[m - 1]) / dot(&y_hist[m - 1], &y_hist[m - 1])
        } else {
            1.0 / gnorm.max(1.0)
        };
        q.iter_mut().for_each(|v| *v *= gamma);
        for i in 0..m {
            let rho = 1.0 / dot(&y_hist[i], &s_hist[i]);
            let beta = rho * dot(&y_hist[i], &q);
            for (qj, sj) in q.iter_mut().zip(&s_hist[i]) {
                *qj += sj * (alpha[i] - beta);
            }
        }
        let d: Vec<f64> = q.iter().map(|v| -v).collect();
        let mut slope = dot(&g, &d);
        let d = if slope >= 0.0 {
            // Not a descent direction: fall back to steepest descent.
            s_hist.clear();
            y_hist.clear();
            let d: Vec<f64> = g.iter().map(|v| -v / gnorm.max(1.0)).collect();
            slope = dot(&g, &d);
            d
        } else {
            d
        };
        let mut step = 1.0;
        let mut f_new;
        let mut accepted = false;
        for _ in 0..40 {
            for j in 0..n {
                x_new[j] = x[j] + step * d[j];
            }
            f_new = f(&x_new, &mut g_new);
            if f_new <= fx + 1e-4 * step * slope {
                accepted = true;
                let s: Vec<f64> = (0..n).map(|j| x_new[j] - x[j]).collect();
                let y: Vec<f64> = (0..n).map(|j| g_new[j] - g[j]).collect();
                if dot(&s, &y) > 1e-12 {
                    if s_hist.len() == MEMORY {
                        s_hist.remove(0);
                        y_hist.remove(0);
                    }
                    s_hist.push(s);
                    y_hist.push(y);
                }
                let done = (fx - f_new).abs() <= 1e-10 * fx.abs().max(1.0);
                std::mem::swap(&mut x, &mut x_new);
                std::mem::swap(&mut g, &mut g_new);
                fx = f_new;
                if done {
                    return x;
                }
                break;
            }
            step *= 0.5;
        }
        if !accepted {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ex(features: &[(&'static str, f32)], label: usize) -> Example {
        Example {
            features: Features(features.to_vec()),
            label,
            weight: 1.0,
        }
    }

    fn toy() -> Vec<Example> {
        let mut v = Vec::new();
        for _ in 0..20 {
            v.push(ex(&[("subject", 1.0), ("title", 1.0)], 1));
            v.push(ex(&[("bystander", 1.0)], 0));
            v.push(ex(&[("subject", 1.0), ("bystander", 1.0)], 0));
        }
        v.push(ex(&[("title", 1.0)], 1));
        v.push(ex(&[("title", 1.0)], 0));
        v
    }

    #[test]
    fn learns_a_separable_toy_problem() {
        let m = train(&["other", "victim"], &toy(), TrainOptions::default());
        let p = |f: &[(&'static str, f32)]| m.probability(&Features(f.to_vec()), "victim");
        assert!(p(&[("subject", 1.0), ("title", 1.0)]) > 0.8);
        assert!(p(&[("bystander", 1.0)]) < 0.2);
        assert!(m.weights["bystander"][1] < m.weights["bystander"][0]);
    }

    #[test]
    fn training_is_deterministic() {
        let a = train(&["other", "victim"], &toy(), TrainOptions::default());
        let b = train(&["other", "victim"], &toy(), TrainOptions::default());
        assert_eq!(a, b);
        assert_eq!(
            serde_json::to_string(&a).unwrap(),
            serde_json::to_string(&b).unwrap()
        );
    }

    #[test]
    fn rare_features_are_left_out_and_round_trip_through_json() {
        let mut data = toy();
        data.push(ex(&[("once", 1.0)], 1));
        let m = train(&["other", "victim"], &data, TrainOptions::default());
        assert!(!m.weights.contains_key("once"));
        let mut back: LinearModel =
            serde_json::from_str(&serde_json::to_string(&m).unwrap()).unwrap();
        back.build_index();
        let f = Features(vec![("subject", 1.0)]);
        assert_eq!(back.probabilities(&f), m.probabilities(&f));
        assert!(back.validate().is_ok());
    }

    #[test]
    fn a_ranker_puts_the_target_first() {
        let groups: Vec<Group> = (0..10)
            .map(|i| Group {
                candidates: vec![
                    Features(vec![("bystander", 1.0)]),
                    Features(vec![("subject", 1.0), ("title", (i % 2) as f32)]),
                    Features(vec![("title", 1.0)]),
                ],
                target: 1,
                weight: 1.0,
            })
            .collect();
        let m = train_ranker("victim", &groups, TrainOptions::default());
        let s = |f: &[(&'static str, f32)]| m.logits(&Features(f.to_vec()))[0];
        assert!(s(&[("subject", 1.0)]) > s(&[("title", 1.0)]));
        assert!(s(&[("subject", 1.0)]) > s(&[("bystander", 1.0)]));
        assert_eq!(m, train_ranker("victim", &groups, TrainOptions::default()));
    }

    #[test]
    fn contributions_name_the_features() {
        let m = train(&["other", "victim"], &toy(), TrainOptions::default());
        let c = m.contributions(&Features(vec![("bystander", 1.0), ("unknown", 1.0)]), 1);
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].feature, "bystander");
        assert!(c[0].amount < 0.0);
    }
}
