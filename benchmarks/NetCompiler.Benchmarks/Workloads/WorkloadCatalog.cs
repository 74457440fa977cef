using System;
using System.Collections.Generic;
using System.Linq;

namespace NetCompiler.Benchmarks.Workloads;

/// <summary>The five workloads of issue 5, W1 to W5.</summary>
public static class WorkloadCatalog
{
    public static IReadOnlyList<Workload> All { get; } =
    [
        Workload.Of<W1Network>("W1", "2 → dense 6 tanh → dense 2 tanh → dense 2 softmax (ConvNetJS classify2d)"),
        Workload.Of<W2Network>("W2", "4 → dense 8 tanh → dense 3 softmax"),
        Workload.Of<W3Network>("W3", "784 → dense 128 ReLU → dense 10 softmax"),
        Workload.Of<W4Network>("W4", "256 → dense 256 ReLU → dense 256 ReLU → dense 10 softmax"),
        Workload.Of<W5Network>("W5", "1×8×8 → conv 8 3×3 pad 1 ReLU → max-pool 2 → dense 10 softmax"),
    ];

    public static Workload Get(string id) =>
        All.FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No workload {id}; there are {string.Join(", ", All.Select(w => w.Id))}.", nameof(id));
}
