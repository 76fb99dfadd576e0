//! An open model's architecture, as far as serving cost depends on it: parameters (total and
//! active per token), the attention layout (grouped-query, sliding windows, multi-head latent
//! attention, linear-attention layers with a fixed state) and the bytes each weight and each
//! cached key or value takes at a precision.

/// Weight precision of a self-hosted model. The KV cache precision comes with it
/// ([`PrecisionSpec::bytes_per_kv`]) unless the scenario sets its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Precision {
    Bf16,
    Fp8,
    Int4,
    /// 4-bit floating point weights (NVFP4 or MXFP4), run on fp4 tensor cores where the GPU
    /// has them (Blackwell, CDNA 4).
    Fp4,
}

impl Precision {
    pub const ALL: [Precision; 4] = [
        Precision::Bf16,
        Precision::Fp8,
        Precision::Int4,
        Precision::Fp4,
    ];

    /// The names of [`Precision::ALL`], in order.
    pub const NAMES: [&'static str; 4] = ["bf16", "fp8", "int4", "fp4"];

    pub fn name(self) -> &'static str {
        Precision::NAMES[self as usize]
    }

    pub fn parse(s: &str) -> Option<Precision> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("fp16") {
            return Some(Precision::Bf16);
        }
        if s.eq_ignore_ascii_case("nvfp4") || s.eq_ignore_ascii_case("mxfp4") {
            return Some(Precision::Fp4);
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
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub enum Attention {
    /// Every layer attends to the whole context.
    #[default]
    Full,
    /// `local_layers` of the layers attend only to the last `window` tokens (sliding window);
    /// the others see the whole context (Gemma 3: 5 local to 1 global; gpt-oss: alternating).
    Local { window: u32, local_layers: u32 },
}

/// A mixture-of-experts layout: `per_token` of `count` routed experts run for each token,
/// beside `shared` experts that run for every token.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Experts {
    pub count: u32,
    pub per_token: u32,
    /// Experts every token runs (counted in the active parameters).
    pub shared: u32,
    /// One routed expert's parameters summed over the model's expert layers, billions. `None`:
    /// derived as `(total − active) / (count − per_token)`.
    pub expert_params_b: Option<f64>,
}

impl Experts {
    /// `per_token` of `count` routed experts, nothing else stated.
    pub fn routed(count: u32, per_token: u32) -> Experts {
        Experts {
            count,
            per_token,
            ..Experts::default()
        }
    }
}

/// Multi-head latent attention (DeepSeek V3, Kimi K2): each layer caches one compressed latent
/// of `rank` elements and a shared rotary key of `rope_dim` per token, instead of a key and a
/// value per KV head.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Latent {
    pub rank: u32,
    pub rope_dim: u32,
}

/// Linear-attention layers (Gated DeltaNet in Qwen3-Next and Qwen3.5): each holds a fixed
/// recurrent state per request whatever the context, instead of a growing KV cache.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LinearAttention {
    pub layers: u32,
    /// State elements one request holds in one such layer (recurrent and convolution state).
    pub state_elements: f64,
}

/// Bytes per element of a linear-attention layer's state: engines keep it at the model's bf16
/// whatever the KV cache's precision (vLLM's `mamba_ssm_cache_dtype` "auto").
pub(crate) const STATE_BYTES: f64 = 2.0;

#[derive(Debug, Clone, PartialEq, Default)]
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
    /// Longest input + output the model serves natively, tokens.
    pub max_context: u32,
    /// Longest with the published context extension (YaRN), when there is one.
    pub extended_context: Option<u32>,
    pub attention: Attention,
    /// The full-attention layers' own KV heads and head size, where they differ from the
    /// sliding-window layers' (Gemma 4: 512-wide heads, fewer KV heads).
    pub global_kv: Option<(u32, u32)>,
    pub latent: Option<Latent>,
    pub linear: Option<LinearAttention>,
    pub experts: Option<Experts>,
    /// The precisions the model is served in.
    pub precisions: Vec<PrecisionSpec>,
}

/// Layers by kind: full attention, sliding window (and its window), linear attention.
struct Layout {
    global: f64,
    local: f64,
    window: f64,
    linear: f64,
}

impl ModelArch {
    /// Longest input + output the model serves at all: with its published extension (YaRN)
    /// when there is one, else natively.
    pub(crate) fn served_context(&self) -> u32 {
        self.extended_context.unwrap_or(self.max_context)
    }

    pub fn precision(&self, p: Precision) -> Option<&PrecisionSpec> {
        self.precisions.iter().find(|s| s.precision == p)
    }

    fn layout(&self) -> Layout {
        let layers = f64::from(self.layers);
        let linear = f64::from(self.linear.map_or(0, |l| l.layers.min(self.layers)));
        let (local, window) = match self.attention {
            Attention::Full => (0.0, 0.0),
            Attention::Local {
                window,
                local_layers,
            } => (
                f64::from(local_layers).min(layers - linear),
                f64::from(window),
            ),
        };
        Layout {
            global: layers - linear - local,
            local,
            window,
            linear,
        }
    }

    /// KV-cache bytes one token takes in one sliding-window (or ordinary) layer: key and
    /// value, each `kv_heads × head_dim` elements; with latent attention, the latent and the
    /// rotary key.
    pub(crate) fn kv_bytes_per_token_layer(&self, spec: &PrecisionSpec) -> f64 {
        match self.latent {
            Some(l) => f64::from(l.rank + l.rope_dim) * spec.bytes_per_kv,
            None => 2.0 * f64::from(self.kv_heads) * f64::from(self.head_dim) * spec.bytes_per_kv,
        }
    }

    /// The same for a full-attention layer.
    pub(crate) fn kv_bytes_per_token_global_layer(&self, spec: &PrecisionSpec) -> f64 {
        match (self.latent, self.global_kv) {
            (None, Some((kv, dim))) => 2.0 * f64::from(kv) * f64::from(dim) * spec.bytes_per_kv,
            _ => self.kv_bytes_per_token_layer(spec),
        }
    }

    /// Bytes of fixed state one request holds in the linear-attention layers.
    pub(crate) fn state_bytes(&self) -> f64 {
        self.linear.map_or(0.0, |l| {
            self.layout().linear * l.state_elements * STATE_BYTES
        })
    }

    /// KV-cache bytes a sequence of `tokens` holds: full layers keep every token,
    /// sliding-window layers at most `window`, linear-attention layers their fixed state.
    pub(crate) fn kv_bytes(&self, spec: &PrecisionSpec, tokens: f64) -> f64 {
        let l = self.layout();
        self.kv_bytes_per_token_global_layer(spec) * l.global * tokens
            + self.kv_bytes_per_token_layer(spec) * l.local * tokens.min(l.window)
            + self.state_bytes()
    }

    /// Weight bytes at a precision.
    pub fn weight_bytes(&self, spec: &PrecisionSpec) -> f64 {
        self.params_total_b * 1e9 * spec.bytes_per_weight
    }

    /// One routed expert's parameters (billions) and the parameters every token uses (shared
    /// experts, attention, embeddings), for a mixture of experts.
    pub(crate) fn expert_split(&self) -> Option<(f64, f64)> {
        let e = self
            .experts
            .filter(|e| e.count > e.per_token && e.per_token > 0)?;
        let (count, k) = (f64::from(e.count), f64::from(e.per_token));
        let derived = (self.params_total_b - self.params_active_b).max(0.0) / (count - k);
        let per_expert = e
            .expert_params_b
            .filter(|x| x.is_finite() && *x > 0.0)
            .unwrap_or(derived);
        Some((per_expert, (self.params_active_b - k * per_expert).max(0.0)))
    }

    /// Routed experts at least one of `batch` tokens picks (uniform routing):
    /// `count · (1 − (1 − k/count)^batch)`.
    pub(crate) fn experts_touched(&self, batch: f64) -> f64 {
        self.experts.map_or(0.0, |e| {
            let (count, k) = (f64::from(e.count), f64::from(e.per_token));
            if count <= 0.0 || k <= 0.0 {
                return 0.0;
            }
            count * (1.0 - (1.0 - k / count).powf(batch.max(1.0)))
        })
    }

    /// Weight bytes one decode step reads when `batch` sequences each pick their experts: the
    /// shared part always, each expert when at least one token routes to it (uniform routing).
    pub(crate) fn weight_bytes_read(&self, spec: &PrecisionSpec, batch: f64) -> f64 {
        let Some((per_expert, shared)) = self.expert_split() else {
            return self.weight_bytes(spec);
        };
        (shared + per_expert * self.experts_touched(batch)) * 1e9 * spec.bytes_per_weight
    }

    /// FLOPs per visible context token per layer in a decode step: scores and weighted sum,
    /// `4 · heads · head_dim` (full layers with their own head size); with latent attention
    /// the absorbed form, `2 · heads · (2 · rank + rope_dim)`.
    fn decode_attention_flops(&self, global: bool) -> (f64, f64) {
        let heads = f64::from(self.heads);
        if let Some(l) = self.latent {
            let per = 2.0 * heads * f64::from(2 * l.rank + l.rope_dim);
            return (per, per);
        }
        let local = 4.0 * heads * f64::from(self.head_dim);
        let full = match self.global_kv {
            Some((_, dim)) => 4.0 * heads * f64::from(dim),
            None => local,
        };
        (if global { full } else { local }, local)
    }

    /// FLOPs of the linear-attention layers per token (state update and read-out, four per
    /// state element).
    fn linear_flops_per_token(&self) -> f64 {
        self.linear
            .map_or(0.0, |l| 4.0 * l.state_elements * self.layout().linear)
    }

    /// FLOPs to generate one token with `context` tokens before it: two per active weight,
    /// the attention over the visible context, and the linear layers' fixed work.
    pub(crate) fn decode_flops(&self, context: f64) -> f64 {
        let l = self.layout();
        let (full, _) = self.decode_attention_flops(true);
        let (_, local) = self.decode_attention_flops(false);
        2.0 * self.params_active_b * 1e9
            + full * l.global * context
            + local * l.local * context.min(l.window)
            + self.linear_flops_per_token()
    }

    /// FLOPs to read a prompt of `tokens` (causal attention: token p sees p tokens, or the
    /// window on sliding-window layers). Prefill runs latent attention in its expanded form,
    /// `4 · heads · head_dim` per visible token.
    pub(crate) fn prefill_flops(&self, tokens: f64) -> f64 {
        let l = self.layout();
        let full = tokens * tokens / 2.0;
        let windowed = if tokens <= l.window {
            full
        } else {
            l.window * l.window / 2.0 + (tokens - l.window) * l.window
        };
        let heads = f64::from(self.heads);
        let local_width = 4.0 * heads * f64::from(self.head_dim);
        let global_width = match (self.latent, self.global_kv) {
            (None, Some((_, dim))) => 4.0 * heads * f64::from(dim),
            _ => local_width,
        };
        2.0 * self.params_active_b * 1e9 * tokens
            + global_width * l.global * full
            + local_width * l.local * windowed
            + self.linear_flops_per_token() * tokens
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
            precisions: vec![bf16()],
            ..ModelArch::default()
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
        m.experts = Some(Experts::routed(8, 2));
        let one = m.weight_bytes_read(&bf16(), 1.0);
        assert!((one - 12.9e9 * 2.0).abs() < 1e3, "{one}");
        let many = m.weight_bytes_read(&bf16(), 1000.0);
        assert!((many - 46.7e9 * 2.0).abs() < 1e6, "{many}");
    }
}
