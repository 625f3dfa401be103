// MLP activations on vec4 and their derivatives from the forward *output* (tcnn apply_activation[_backward_fwdval]).
// Codes match src/mlp/mlpActivation.ts ACTIVATION_CODE: 0 None, 1 ReLU, 2 Sigmoid, 3 Exponential.

fn mlp_activate4(kind: u32, x: vec4f) -> vec4f {
  switch kind {
    case 1u: { return max(x, vec4f(0.0)); }
    case 2u: { return 1.0 / (1.0 + exp(-x)); }
    case 3u: { return exp(x); }
    default: { return x; }
  }
}

// d act/dx written through y = act(x): ReLU passes where y > 0, Sigmoid y(1-y), Exponential y.
fn mlp_activation_grad4(kind: u32, y: vec4f) -> vec4f {
  switch kind {
    case 1u: { return select(vec4f(0.0), vec4f(1.0), y > vec4f(0.0)); }
    case 2u: { return y * (1.0 - y); }
    case 3u: { return y; }
    default: { return vec4f(1.0); }
  }
}
