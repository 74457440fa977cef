using System;
using System.Globalization;
using System.Linq;
using BenchmarkDotNet.Running;
using NetCompiler.Benchmarks.Peak;
using NetCompiler.Benchmarks.Reporting;
using NetCompiler.Benchmarks.Workloads;

namespace NetCompiler.Benchmarks.Onnx;

/// <summary><c>--check</c>: compare ONNX Runtime with the generated code on every workload. Anything else goes to BenchmarkDotNet.</summary>
public static class Program
{
    public static int Main(string[] args)
    {
        if (args.Contains("--check"))
        {
            bool failed = false;
            foreach (Workload workload in WorkloadCatalog.All)
            {
                double error = OnnxCheck.MaxOutputDifference(workload);
                bool ok = error <= OnnxCheck.Tolerance;
                failed |= !ok;
                Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0} ONNX Runtime vs generated: largest output difference {1:E2} {2}", workload.Id, error, ok ? "ok" : "FAILED"));
            }

            return failed ? 1 : 0;
        }

        Console.WriteLine(string.Format(CultureInfo.InvariantCulture, "// FMA peak for the Bound columns: {0:F1} GFLOP/s (stopwatch, best of 40)", MachinePeak.Gflops));
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args, new BenchmarkConfig());
        return 0;
    }
}
