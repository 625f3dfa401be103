// Fused MLP forward, f16 operands (packed f16 tiles, f32 accumulation). See mlpForwardCore.wgsl.
//!include "mlpTileF16.wgsl"
//!include "mlpForwardCore.wgsl"
//!include "mlpForwardMain.wgsl"
