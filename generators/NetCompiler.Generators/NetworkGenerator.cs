using Microsoft.CodeAnalysis;

namespace NetCompiler.Generators;

/// <summary>
/// Compiles every class marked [Network] into specialized Forward, Backward and Step code.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class NetworkGenerator : IIncrementalGenerator
{
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
    }
}
