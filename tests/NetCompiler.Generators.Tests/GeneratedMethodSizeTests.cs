using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace NetCompiler.Generators.Tests;

/// <summary>
/// Large layers take loops, not unrolled code: every generated method's IL body stays far below
/// the size where the JIT gives up optimising (and far below 60 KB), however wide the network. The
/// small layers at their unrolling limit (248 weights, 31 inputs) check the written-out kernels,
/// those of the examples-in-lanes batch path too; four layers of eight units with 252 parameters,
/// the training pass in registers at its limit (256); 24 → 42 and 31 → 33, the widest layers on the
/// kernels whose one example is written out (1,008 and 1,023 weights, the second with a tail a row).
/// </summary>
public class GeneratedMethodSizeTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int MaxBodyBytes = 16 * 1024;

    [Theory]
    [InlineData("[Input(256)] [Dense(256, Activation.ReLU)] [Dense(256, Activation.ReLU)] [Dense(10, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Input(784)] [Dense(128, Activation.ReLU)] [Dense(10, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Input(64)] [Dense(64, Activation.Tanh)] [Dense(64, Activation.Sigmoid)] [Dense(64)]")]
    [InlineData("[Input(31)] [Dense(8, Activation.Tanh)] [Dense(31, Activation.Sigmoid)] [Dense(8, Activation.ReLU)] [Dense(4, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Input(24)] [Dense(42, Activation.Tanh)] [Dense(3, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Input(31)] [Dense(33, Activation.Tanh)] [Dense(3, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Input(8)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.Tanh)] [Dense(8, Activation.ReLU)] [Dense(4, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    [InlineData("[Input(3, 31, 31)] [Conv2D(16, 5, Activation.ReLU, Padding = 2)] [Conv2D(8, 5, Activation.Tanh, Stride = 2, Padding = 2)] [MaxPool2D(4)] [Dense(10, Activation.Softmax)] [Loss(LossFunction.CrossEntropy)]")]
    public void EveryMethodBodyIsSmall(string layers)
    {
        GeneratorRun run = GeneratorHarness.Run("using NetCompiler; [Network] " + layers + " public partial class Big { }");
        Assert.Empty(run.CompilationErrors);

        using var image = new MemoryStream();
        Assert.True(run.Output.Emit(image).Success);
        image.Position = 0;
        using var pe = new PEReader(image);
        MetadataReader metadata = pe.GetMetadataReader();
        (string Name, int Size)[] bodies = metadata.MethodDefinitions
            .Select(metadata.GetMethodDefinition)
            .Where(method => method.RelativeVirtualAddress != 0)
            .Select(method => (
                Name: metadata.GetString(metadata.GetTypeDefinition(method.GetDeclaringType()).Name) + "." + metadata.GetString(method.Name),
                Size: pe.GetMethodBody(method.RelativeVirtualAddress).Size))
            .OrderByDescending(body => body.Size)
            .ToArray();

        Assert.NotEmpty(bodies);
        (string name, int size) = bodies[0];
        output.WriteLine("Largest method: " + name + ", " + size + " bytes of IL.");
        Assert.True(size < MaxBodyBytes, "The largest method, " + name + ", has " + size + " bytes of IL; the limit is " + MaxBodyBytes + ".");
    }
}
