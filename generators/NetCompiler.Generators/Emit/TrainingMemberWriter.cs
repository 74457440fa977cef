using System;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes a training member (Backward, Backpropagate, Step). For a network with a Step layer the
/// member is marked <c>[Obsolete(error: true, DiagnosticId = "NC0014")]</c>, so a call is a compile
/// error, and its body throws <see cref="NotSupportedException"/> for calls through the interface.
/// </summary>
internal sealed class TrainingMemberWriter
{
    private readonly SourceWriter _writer;
    private readonly NetworkModel _network;

    public TrainingMemberWriter(SourceWriter writer, NetworkModel network)
    {
        _writer = writer;
        _network = network;
    }

    public void Emit(string signature, Action body)
    {
        _writer.Line("/// <inheritdoc/>");
        _writer.Line(NetworkEmitter.GeneratedCodeAttribute);
        if (!_network.IsTrainable)
        {
            _writer.Line(
                "[global::System.Obsolete(\"" + _network.ClassName + " has a Step layer, whose derivative is zero wherever it exists: it cannot be trained by backpropagation.\", "
                + "error: true, DiagnosticId = \"NC0014\", UrlFormat = \"https://github.com/netcompiler/netcompiler/blob/main/docs/diagnostics.md#nc0014\")]");
        }

        using (_writer.Open(signature))
        {
            if (_network.IsTrainable)
            {
                body();
            }
            else
            {
                _writer.Line("throw global::NetCompiler.GeneratedCodeSupport.CannotTrain(\"" + _network.ClassName + "\");");
            }
        }

        _writer.Line();
    }
}
