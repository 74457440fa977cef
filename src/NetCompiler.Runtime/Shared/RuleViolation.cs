// This file is compiled into both the runtime and the generator.
namespace NetCompiler.Shared
{
    /// <summary>Why a layer, an input or a loss does not make a valid network.</summary>
    internal enum RuleViolation
    {
        None = 0,

        /// <summary>A size, count, kernel, window or stride is ≤ 0, or a padding is negative.</summary>
        InvalidSize,

        /// <summary>A convolution kernel or pooling window is larger than its (padded) input.</summary>
        WindowLargerThanInput,

        /// <summary>The windows, stepped by the stride, do not end exactly at the input's edge.</summary>
        WindowDoesNotTile,

        /// <summary>A convolution or pooling layer follows a flat input or a dense layer.</summary>
        SpatialLayerAfterFlat,

        /// <summary>Softmax on a layer that is not the last.</summary>
        SoftmaxNotLast,

        /// <summary>An activation value that is not a member of <see cref="Activation"/>.</summary>
        UnknownActivation,

        /// <summary>A loss value that is not a member of <see cref="LossFunction"/>.</summary>
        UnknownLoss,

        /// <summary>Cross-entropy without a softmax last layer, or binary cross-entropy without a sigmoid one.</summary>
        LossDoesNotFitActivation,

        /// <summary>A layer or the whole network has more values or parameters than the generated code can index.</summary>
        TooLarge,
    }
}
