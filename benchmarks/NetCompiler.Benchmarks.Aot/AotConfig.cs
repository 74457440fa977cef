using System;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Environments;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Order;
using BenchmarkDotNet.Toolchains.NativeAot;
using NetCompiler.Benchmarks.Reporting;

namespace NetCompiler.Benchmarks.Aot;

/// <summary>
/// The main suite's run settings (<see cref="BenchmarkConfig.NoisyJob"/>) as four jobs: the JIT
/// (tiered compilation off, as in the main suite) and Native AOT for three instruction-set targets.
/// Native AOT fixes the CPU features, and with them the width of <c>Vector&lt;T&gt;</c>, when it
/// compiles: a plain <c>dotnet publish -p:PublishAot=true</c> targets x86-64-v2 (SSE4.2, 128-bit
/// vectors), <c>-p:IlcInstructionSet=x86-64-v3</c> adds AVX2 and FMA, <c>native</c> takes what the
/// building machine has (here AVX-512 too).
/// </summary>
public sealed class AotConfig : ManualConfig
{
    public AotConfig()
    {
        Add(DefaultConfig.Instance);

        // every Native AOT job compiles the whole program to machine code, a minute or more each
        WithBuildTimeout(TimeSpan.FromMinutes(30));

        AddJob(BenchmarkConfig.NoisyJob.WithRuntime(CoreRuntime.Core10_0).WithId("JIT").WithEnvironmentVariable("DOTNET_TieredCompilation", "0"));
        AddJob(NativeAot("x86-64-v2", "AOT v2 (default)"));
        AddJob(NativeAot("x86-64-v3", "AOT v3"));
        AddJob(NativeAot("native", "AOT native"));

        AddColumn(StatisticColumn.Min, StatisticColumn.Median, WorkColumn.TimesTensorPrimitives);
        WithOrderer(new DefaultOrderer(SummaryOrderPolicy.Declared, MethodOrderPolicy.Declared));
    }

    private static Job NativeAot(string instructionSet, string id) =>
        BenchmarkConfig.NoisyJob
            .WithRuntime(NativeAotRuntime.Net10_0)
            .WithToolchain(NativeAotToolchain.CreateBuilder()
                .UseNuGet()
                .IlcInstructionSet(instructionSet)
                .TargetFrameworkMoniker("net10.0")
                .DisplayName(id)
                .ToToolchain())
            .WithId(id);
}
