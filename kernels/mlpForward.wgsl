// Fused MLP forward, f32 tiles. See mlpForwardCore.wgsl.
//!include "mlpTileF32.wgsl"
//!include "mlpForwardCore.wgsl"
//!include "mlpForwardMain.wgsl"
