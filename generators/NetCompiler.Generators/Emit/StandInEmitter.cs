using System.Collections.Generic;
using NetCompiler.Generators.Model;

namespace NetCompiler.Generators.Emit;

/// <summary>
/// Writes the stand-in of a network whose declaration (or weights file) has errors: the class with
/// every public member a network has, each of which throws. The build fails on the NC errors
/// anyway; the stand-in keeps the code that uses the class from adding errors of its own (no
/// constructor, no <c>Forward</c>, no <c>InputSize</c> …) to them, as it would while the
/// attributes are being typed.
/// </summary>
internal static class StandInEmitter
{
    public static string Emit(StandIn standIn) =>
        GeneratedFile.Write(
            standIn.Type,
            "for " + standIn.Type.FullName + ", whose declaration has errors: a stand-in whose members throw",
            writer => EmitClass(writer, standIn));

    private static void EmitClass(SourceWriter writer, StandIn standIn)
    {
        NumericType type = NumericType.For(standIn.Precision);
        var members = new ContractMembers(standIn.Type.ClassName, type);
        string throws = " => throw global::NetCompiler.GeneratedCodeSupport.DeclarationHasErrors(\"" + standIn.Type.FullName + "\");";
        writer.Line("/// <summary>");
        writer.Line("/// A stand-in: the declaration of this network has errors (reported at its attributes),");
        writer.Line("/// so it has no code yet, and every member throws.");
        writer.Line("/// </summary>");
        using (writer.Open("partial class " + standIn.Type.ClassName + " : global::NetCompiler.INetwork<" + type.Name + ">"))
        {
            foreach (string size in new[] { "InputSize", "OutputSize", "ParameterCount" })
            {
                writer.Line("/// <summary>0: not known while the declaration has errors.</summary>");
                writer.Line(ContractMembers.SizeConstant(size, 0));
                writer.Line();
            }

            // in the order of the network's code
            var declarations = new List<string> { ContractMembers.Spec, members.DefaultConstructor, members.SeedConstructor };
            if (standIn.NamesWeightsFile)
            {
                declarations.Add(members.EmbeddedParameters);
            }

            declarations.AddRange(new[]
            {
                members.Parameters, members.Gradients, ContractMembers.AccumulatedSamples,
                members.Forward, members.ForwardBatch, members.Backward, members.BackwardBatch,
                members.Backpropagate, members.Step, ContractMembers.ZeroGradients, members.Infer,
            });
            for (int i = 0; i < declarations.Count; i++)
            {
                if (i > 0)
                {
                    writer.Line();
                }

                writer.Line("/// <summary>Throws <see cref=\"global::System.InvalidOperationException\"/>: the declaration has errors.</summary>");
                writer.Line(NetworkEmitter.GeneratedCodeAttribute);
                writer.Line(declarations[i] + throws);
            }
        }
    }
}
