//! An open model's architecture, as far as serving cost depends on it: parameters (total and
//! active per token), the attention layout and the bytes each weight and each cached key or
//! value takes at a precision.

/// Weight precision of a self-hosted model. The KV cache precision comes with it
/// ([`PrecisionSpec::bytes_per_kv`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    Bf16,
    Fp8,
    Int4,
}

impl Precision {
    pub const ALL: [Precision; 3] = [Precision::Bf16, Precision::Fp8, Precision::Int4];

    pub fn name(self) -> &'static str {
        match self {
            Precision::Bf16 => "bf16",
            Precision::Fp8 => "fp8",
            Precision::Int4 => "int4",
        }
    }

    pub fn parse(s: &str) -> Option<Precision> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("fp16") {
            return Some(Precision::Bf16);
        }
        Precision::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(s))
    }
}

/// Bytes per weight and per KV-cache element when the model is served at one precision.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PrecisionSpec {
    pub precision: Precision,
    /// Average over all weights, scales included (int4 group scales make it a little over 0.5).
    pub bytes_per_weight: f64,
    /// One key or value element in the KV cache.
    pub bytes_per_kv: f64,
}

/// How attention layers see the context.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Attention {
    /// Every layer attends to the whole context.
    Full,
    /// `local_layers` of the layers attend only to the last `window` tokens (sliding window);
    /// the others see the whole context (Gemma 3: 5 local to 1 global; gpt-oss: alternating).
    Local { window: u32, local_layers: u32 },
}

/// A mixture-of-experts layout: `per_token` of `count` experts run for each token.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Experts {
    pub count: u32,
    pub per_token: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ModelArch {
    pub name: String,
    /// All parameters, billions.
    pub params_total_b: f64,
    /// Parameters used for one token, billions (equal to the total for dense models).
    pub params_active_b: f64,
    pub layers: u32,
    pub heads: u32,
    pub kv_heads: u32,
    pub head_dim: u32,
    pub hidden: u32,
    /// Longest input + output the model accepts, tokens.
    pub max_context: u32,
    pub attention: Attention,
    pub experts: Option<Experts>,
    /// The precisions the model is served in.
    pub precisions: Vec<PrecisionSpec>,
}

impl ModelArch {
    pub fn precision(&self, p: Precision) -> Option<&PrecisionSpec> {
        self.precisions.iter().find(|s| s.precision == p)
    }

    /// Layers that see the whole context, and the window of the others.
    fn layout(&self) -> (f64, f64, f64) {
        let layers = f64::from(self.layers);
        match self.attention {
            Attention::Full => (layers, 0.0, 0.0),
            Attention::Local {
                window,
                local_layers,
            } => {
                let local = f64::from(local_layers.min(self.layers));
                (layers - local, local, f64::from(window))
            }
        }
    }

    /// KV-cache bytes one token takes in one full-attention layer: key and value, each
    /// `kv_heads × head_dim` elements.
    pub fn kv_bytes_per_token_layer(&self, spec: &PrecisionSpec) -> f64 {
        2.0 * f64::from(self.kv_heads) * f64::from(self.head_dim) * spec.bytes_per_kv
    }

    /// KV-cache bytes a sequence of `tokens` holds: full layers keep every token, sliding-window
    /// layers at most `window`.
    pub fn kv_bytes(&self, spec: &PrecisionSpec, tokens: f64) -> f64 {
        let (global, local, window) = self.layout();
        self.kv_bytes_per_token_layer(spec) * (global * tokens + local * tokens.min(window))
    }

    /// Weight bytes at a precision.
    pub fn weight_bytes(&self, spec: &PrecisionSpec) -> f64 {
        self.params_total_b * 1e9 * spec.bytes_per_weight
    }

    /// Weight bytes one decode step reads when `batch` sequences each pick their experts: the
    /// shared part always, each expert when at least one token routes to it (uniform routing).
    pub fn weight_bytes_read(&self, spec: &PrecisionSpec, batch: f64) -> f64 {
        let Some(e) = self
            .experts
            .filter(|e| e.count > e.per_token && e.per_token > 0)
        else {
            return self.weight_bytes(spec);
        };
        let (count, k) = (f64::from(e.count), f64::from(e.per_token));
        let per_expert = (self.params_total_b - self.params_active_b).max(0.0) / (count - k);
        let shared = (self.params_active_b - k * per_expert).max(0.0);
        let touched = count * (1.0 - (1.0 - k / count).powf(batch.max(1.0)));
        (shared + per_expert * touched) * 1e9 * spec.bytes_per_weight
    }

    /// Attention width `heads × head_dim`.
    fn attention_width(&self) -> f64 {
        f64::from(self.heads) * f64::from(self.head_dim)
    }

    /// FLOPs to generate one token with `context` tokens before it: two per active weight, and
    /// four per attention-width element per visible context token per layer (scores and
    /// weighted sum).
    pub fn decode_flops(&self, context: f64) -> f64 {
        let (global, local, window) = self.layout();
        let visible = global * context + local * context.min(window);
        2.0 * self.params_active_b * 1e9 + 4.0 * self.attention_width() * visible
    }

    /// FLOPs to read a prompt of `tokens` (causal attention: token p sees p tokens, or the
    /// window on sliding-window layers).
    pub fn prefill_flops(&self, tokens: f64) -> f64 {
        let (global, local, window) = self.layout();
        let full = tokens * tokens / 2.0;
        let windowed = if tokens <= window {
            full
        } else {
            window * window / 2.0 + (tokens - window) * window
        };
        2.0 * self.params_active_b * 1e9 * tokens
            + 4.0 * self.attention_width() * (global * full + local * windowed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn bf16() -> PrecisionSpec {
        PrecisionSpec {
            precision: Precision::Bf16,
            bytes_per_weight: 2.0,
            bytes_per_kv: 2.0,
        }
    }

    fn arch(layers: u32, kv_heads: u32, head_dim: u32, attention: Attention) -> ModelArch {
        ModelArch {
            name: "t".into(),
            params_total_b: 1.0,
            params_active_b: 1.0,
            layers,
            heads: 32,
            kv_heads,
            head_dim,
            hidden: 4096,
            max_context: 131_072,
            attention,
            experts: None,
            precisions: vec![bf16()],
        }
    }

    #[test]
    fn kv_bytes_with_grouped_query_attention_by_hand() {
        // Llama 3.1 8B: 32 layers, 8 KV heads (of 32 query heads) of 128, bf16.
        // Per token: 2 (key, value) × 8 × 128 × 2 bytes × 32 layers = 131,072 bytes.
        let m = arch(32, 8, 128, Attention::Full);
        assert_eq!(m.kv_bytes_per_token_layer(&bf16()), 4096.0);
        assert_eq!(m.kv_bytes(&bf16(), 1.0), 131_072.0);
        assert_eq!(m.kv_bytes(&bf16(), 1000.0), 131_072_000.0);
    }

    #[test]
    fn kv_bytes_with_sliding_windows_by_hand() {
        // Gemma 3 27B: 62 layers, 16 KV heads of 128, a 1,024-token window on 52 layers and
        // the whole context on the other 10. Per token per layer: 2 × 16 × 128 × 2 = 8,192.
        // 4,000 tokens: 10 × 4,000 × 8,192 + 52 × 1,024 × 8,192 = 327,680,000 + 436,207,616.
        let m = arch(
            62,
            16,
            128,
            Attention::Local {
                window: 1024,
                local_layers: 52,
            },
        );
        assert_eq!(m.kv_bytes(&bf16(), 4000.0), 763_887_616.0);
        // Shorter than the window: every layer keeps every token.
        assert_eq!(m.kv_bytes(&bf16(), 500.0), 62.0 * 500.0 * 8192.0);
    }

    #[test]
    fn prefill_flops_by_hand() {
        // 1B active parameters, 32 heads × 128 = 4,096 wide, 2 layers, 1,000 tokens:
        // 2 × 1e9 × 1,000 + 4 × 4,096 × 2 × 1,000² / 2 = 2e12 + 1.6384e10.
        let m = arch(2, 8, 128, Attention::Full);
        assert_eq!(m.prefill_flops(1000.0), 2e12 + 16_384_000_000.0);
        // Decode at 1,000 tokens of context: 2e9 + 4 × 4,096 × 2 × 1,000.
        assert_eq!(m.decode_flops(1000.0), 2e9 + 32_768_000.0);
    }

    #[test]
    fn experts_read_grows_with_the_batch() {
        // Mixtral-like: 46.7B total, 12.9B active, 8 experts, 2 per token. Per expert
        // (46.7 − 12.9) / 6 = 5.633B; shared 12.9 − 2 × 5.633 = 1.633B.
        let mut m = arch(32, 8, 128, Attention::Full);
        m.params_total_b = 46.7;
        m.params_active_b = 12.9;
        m.experts = Some(Experts {
            count: 8,
            per_token: 2,
        });
        let one = m.weight_bytes_read(&bf16(), 1.0);
        assert!((one - 12.9e9 * 2.0).abs() < 1e3, "{one}");
        let many = m.weight_bytes_read(&bf16(), 1000.0);
        assert!((many - 46.7e9 * 2.0).abs() < 1e6, "{many}");
    }
}
