// This file is compiled into both the runtime and the generator: the one place that says
// which declarations make a network, what shapes flow between its layers, how many
// parameters each layer has, and how the structure is named in weights files.
using System.Collections.Generic;
using System.Globalization;
using System.Text;

namespace NetCompiler.Shared
{
    internal static class NetworkRules
    {
        /// <summary>
        /// The most values any one shape, or all parameters together, may have. Keeps every index of
        /// the generated code comfortably inside <see cref="int"/>.
        /// </summary>
        public const long MaxValues = 1L << 28;

        /// <summary>The slope of <see cref="Activation.LeakyReLU"/> for z ≤ 0.</summary>
        public const double LeakyReLUSlope = 0.01;

        public static RuleViolation CheckInput(LayerShape input)
        {
            if (input.Channels <= 0 || input.Height <= 0 || input.Width <= 0)
            {
                return RuleViolation.InvalidSize;
            }

            return input.Size > MaxValues ? RuleViolation.TooLarge : RuleViolation.None;
        }

        public static bool IsDefined(Activation activation) =>
            activation >= Activation.Identity && activation <= Activation.Step;

        public static bool IsDefined(LossFunction loss) =>
            loss >= LossFunction.MeanSquaredError && loss <= LossFunction.BinaryCrossEntropy;

        /// <summary>
        /// Checks one layer against the shape it receives, and gives the shape it produces.
        /// </summary>
        public static RuleViolation Apply(LayerShape input, LayerDeclaration layer, bool isLast, out LayerShape output)
        {
            output = default;
            if (!IsDefined(layer.Activation))
            {
                return RuleViolation.UnknownActivation;
            }

            if (layer.Activation == Activation.Softmax && !isLast)
            {
                return RuleViolation.SoftmaxNotLast;
            }

            switch (layer.Kind)
            {
                case LayerKind.Dense:
                    if (layer.Count <= 0)
                    {
                        return RuleViolation.InvalidSize;
                    }

                    output = LayerShape.Flat(layer.Count);
                    break;

                case LayerKind.Conv2D:
                case LayerKind.MaxPool2D:
                    bool isConvolution = layer.Kind == LayerKind.Conv2D;
                    if ((isConvolution && layer.Count <= 0) || layer.Window <= 0 || layer.Stride <= 0 || layer.Padding < 0)
                    {
                        return RuleViolation.InvalidSize;
                    }

                    if (!input.IsSpatial)
                    {
                        return RuleViolation.SpatialLayerAfterFlat;
                    }

                    long paddedHeight = input.Height + 2L * layer.Padding;
                    long paddedWidth = input.Width + 2L * layer.Padding;
                    if (layer.Window > paddedHeight || layer.Window > paddedWidth)
                    {
                        return RuleViolation.WindowLargerThanInput;
                    }

                    if ((paddedHeight - layer.Window) % layer.Stride != 0 || (paddedWidth - layer.Window) % layer.Stride != 0)
                    {
                        return RuleViolation.WindowDoesNotTile;
                    }

                    int height = (int)((paddedHeight - layer.Window) / layer.Stride + 1);
                    int width = (int)((paddedWidth - layer.Window) / layer.Stride + 1);
                    output = LayerShape.Spatial(isConvolution ? layer.Count : input.Channels, height, width);
                    break;

                default:
                    return RuleViolation.InvalidSize;
            }

            return output.Size > MaxValues || ParameterCount(input, layer) > MaxValues ? RuleViolation.TooLarge : RuleViolation.None;
        }

        /// <summary>Weights of the layer: [units, inputs] for dense, [filters, inChannels, k, k] for a convolution.</summary>
        public static long WeightCount(LayerShape input, LayerDeclaration layer) =>
            layer.Kind switch
            {
                LayerKind.Dense => (long)layer.Count * input.Size,
                LayerKind.Conv2D => (long)layer.Count * input.Channels * layer.Window * layer.Window,
                _ => 0,
            };

        /// <summary>Biases of the layer: one per unit or filter.</summary>
        public static long BiasCount(LayerDeclaration layer) =>
            layer.Kind == LayerKind.MaxPool2D ? 0 : layer.Count;

        public static long ParameterCount(LayerShape input, LayerDeclaration layer) =>
            WeightCount(input, layer) + BiasCount(layer);

        public static RuleViolation CheckLoss(LossFunction loss, Activation lastActivation)
        {
            if (!IsDefined(loss))
            {
                return RuleViolation.UnknownLoss;
            }

            bool fits = loss switch
            {
                LossFunction.CrossEntropy => lastActivation == Activation.Softmax,
                LossFunction.BinaryCrossEntropy => lastActivation == Activation.Sigmoid,
                _ => true,
            };
            return fits ? RuleViolation.None : RuleViolation.LossDoesNotFitActivation;
        }

        /// <summary>
        /// What to change, in one sentence, for a violation found by <see cref="Apply"/>,
        /// <see cref="CheckInput"/> or <see cref="CheckLoss"/>.
        /// </summary>
        public static string Explain(RuleViolation violation, LayerShape input, LayerDeclaration layer)
        {
            var culture = CultureInfo.InvariantCulture;
            switch (violation)
            {
                case RuleViolation.InvalidSize:
                    return layer.Kind switch
                    {
                        LayerKind.Dense => string.Format(culture, "{0} needs at least one unit", layer),
                        LayerKind.Conv2D => string.Format(culture, "{0} needs filters, kernel size and stride of at least 1 and a padding of at least 0", layer),
                        _ => string.Format(culture, "{0} needs a size and stride of at least 1", layer),
                    };
                case RuleViolation.WindowLargerThanInput:
                    return string.Format(
                        culture,
                        "{0} has a {1}×{1} window but its input is {2} (with padding {3}); use a smaller {4} or more padding",
                        layer,
                        layer.Window,
                        input,
                        layer.Padding,
                        layer.Kind == LayerKind.Conv2D ? "kernel" : "pool size");
                case RuleViolation.WindowDoesNotTile:
                    return string.Format(
                        culture,
                        "{0} does not tile its {1} input: (size + 2·padding − window) must be a multiple of the stride {2}; change the stride, padding or window",
                        layer,
                        input,
                        layer.Stride);
                case RuleViolation.SpatialLayerAfterFlat:
                    return string.Format(
                        culture,
                        "{0} needs an image input (channels, height, width) but receives a flat vector of {1}; declare [Input(channels, height, width)] and put convolutions and pooling before any dense layer",
                        layer,
                        input);
                case RuleViolation.SoftmaxNotLast:
                    return string.Format(culture, "{0} uses Softmax, which is allowed on the last layer only; choose another activation", layer);
                case RuleViolation.UnknownActivation:
                    return string.Format(culture, "the activation {0} is not a member of NetCompiler.Activation", (int)layer.Activation);
                case RuleViolation.TooLarge:
                    return string.Format(culture, "{0} on a {1} input has more than {2} values or parameters; make it smaller", layer, input, MaxValues);
                default:
                    return violation.ToString();
            }
        }

        /// <summary>
        /// The canonical one-line description of a network's layer structure, which weights files
        /// carry as their fingerprint: "Input(1×8×8) Conv2D(8, 3, ReLU, Stride = 1, Padding = 1) …".
        /// The loss is not part of it: it does not change what the parameters mean.
        /// </summary>
        public static string DescribeStructure(LayerShape input, IEnumerable<LayerDeclaration> layers)
        {
            var text = new StringBuilder();
            text.Append("Input(").Append(input.ToString()).Append(')');
            foreach (LayerDeclaration layer in layers)
            {
                text.Append(' ').Append(layer.ToString());
            }

            return text.ToString();
        }
    }
}
