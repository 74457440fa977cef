using System;
using System.Collections.Generic;
using System.Linq;

namespace NetCompiler.Benchmarks.Workloads;

/// <summary>The five workloads of issue 5, W1 to W5, and ten medium-sized ones, M1 to M10, measured when named.</summary>
public static class WorkloadCatalog
{
    /// <summary>
    /// Environment variable that narrows a run to some workloads, e.g. <c>NC_WORKLOADS=W1,W5</c>.
    /// An environment variable rather than an argument because BenchmarkDotNet runs the
    /// benchmarks in a child process, which inherits it.
    /// </summary>
    public const string SelectionVariable = "NC_WORKLOADS";

    /// <summary>Every workload, W1 to W5.</summary>
    public static IReadOnlyList<Workload> Every { get; } =
    [
        Workload.Of<W1Network>("W1", "2 → dense 6 tanh → dense 2 tanh → dense 2 softmax (ConvNetJS classify2d)"),
        Workload.Of<W2Network>("W2", "4 → dense 8 tanh → dense 3 softmax"),
        Workload.Of<W3Network>("W3", "784 → dense 128 ReLU → dense 10 softmax"),
        Workload.Of<W4Network>("W4", "256 → dense 256 ReLU → dense 256 ReLU → dense 10 softmax"),
        Workload.Of<W5Network>("W5", "1×8×8 → conv 8 3×3 pad 1 ReLU → max-pool 2 → dense 10 softmax"),
    ];

    /// <summary>
    /// Networks between W1/W2 and W3/W4, beyond issue 5's five (no goal of its own): M1 to M4 each have
    /// a layer that runs on the runtime's kernels, M5 to M8 wide written-out ones, M9 a softmax over 26
    /// outputs, M10 a hidden layer on the kernels with rows of twenty. Measured only when named in
    /// <see cref="SelectionVariable"/>.
    /// </summary>
    public static IReadOnlyList<Workload> Medium { get; } =
    [
        Workload.Of<M1Network>("M1", "16 → dense 16 tanh → dense 4 softmax"),
        Workload.Of<M2Network>("M2", "2 → dense 16 tanh → dense 16 tanh → dense 2 softmax"),
        Workload.Of<M3Network>("M3", "10 → dense 32 ReLU → dense 32 ReLU → dense 4 softmax"),
        Workload.Of<M4Network>("M4", "64 → dense 64 ReLU → dense 10 softmax"),
        Workload.Of<M5Network>("M5", "8 → dense 24 ReLU → dense 3 softmax"),
        Workload.Of<M6Network>("M6", "12 → dense 12 tanh → dense 3 softmax"),
        Workload.Of<M7Network>("M7", "20 → dense 12 ReLU → dense 4 softmax"),
        Workload.Of<M8Network>("M8", "8 → dense 8 tanh → dense 10 softmax"),
        Workload.Of<M9Network>("M9", "16 → dense 32 ReLU → dense 26 softmax"),
        Workload.Of<M10Network>("M10", "16 → dense 20 ReLU → dense 20 ReLU → dense 4 softmax"),
    ];

    /// <summary>The workloads this run measures: those named in <see cref="SelectionVariable"/>, or W1 to W5.</summary>
    public static IReadOnlyList<Workload> All { get; } = Select(Environment.GetEnvironmentVariable(SelectionVariable));

    public static Workload Get(string id) =>
        Every.Concat(Medium).FirstOrDefault(w => string.Equals(w.Id, id, StringComparison.OrdinalIgnoreCase))
        ?? throw new ArgumentException($"No workload {id}; there are {string.Join(", ", Every.Concat(Medium).Select(w => w.Id))}.", nameof(id));

    private static IReadOnlyList<Workload> Select(string? selection) =>
        string.IsNullOrWhiteSpace(selection)
            ? Every
            : selection.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Get).ToArray();
}
