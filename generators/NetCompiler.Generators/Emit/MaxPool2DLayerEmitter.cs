using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>Placeholder until the MaxPool2D kernels land (issue 3).</summary>
internal sealed class MaxPool2DLayerEmitter : LayerEmitter
{
    public MaxPool2DLayerEmitter(LayerModel layer, NumericType type, bool isLast)
        : base(layer, type, isLast)
    {
    }

    public override void EmitForward(SourceWriter writer) => EmitNotYet(writer, ForwardName, "ref " + T + " parameters, ref " + T + " input, ref " + T + " output");

    public override void EmitAccumulate(SourceWriter writer) => EmitNotYet(writer, AccumulateName, "ref " + T + " parameters, ref " + T + " gradients, ref " + T + " delta, ref " + T + " input");

    public override void EmitBackpropagate(SourceWriter writer) => EmitNotYet(writer, BackpropagateName, "ref " + T + " parameters, ref " + T + " gradients, ref " + T + " delta, ref " + T + " input, ref " + T + " inputDelta");

    private static void EmitNotYet(SourceWriter writer, string name, string parameters)
    {
        using (writer.Open("internal static void " + name + "(" + parameters + ")"))
        {
            writer.Line("throw new global::System.NotSupportedException(\"MaxPool2D is not compiled yet.\");");
        }
    }
}
