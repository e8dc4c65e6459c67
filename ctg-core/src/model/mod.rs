//! The plan model: plan, axes, *fiches d'action*, indicators.

mod window;

pub use window::Window;
