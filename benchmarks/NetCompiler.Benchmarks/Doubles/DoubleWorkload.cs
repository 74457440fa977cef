using System;
using System.Collections.Generic;

namespace NetCompiler.Benchmarks.Doubles;

/// <summary>
/// One double-precision network of <see cref="DoubleNetworkBenchmarks"/>: how to make a fresh instance
/// (the generator's seeded initial weights) and how to check it against the reference interpreter
/// and finite differences (<see cref="NetworkVerifier"/>) before it is timed.
/// </summary>
public sealed class DoubleWorkload
{
    private readonly Factory _create;
    private readonly Func<VerificationReport> _verify;

    private DoubleWorkload(string id, NetworkSpec spec, Factory create, Func<VerificationReport> verify)
    {
        Id = id;
        Spec = spec;
        _create = create;
        _verify = verify;
    }

    /// <summary>D1 to D5.</summary>
    public static IReadOnlyList<DoubleWorkload> All { get; } =
    [
        Of<D1Network>("D1"),
        Of<D2Network>("D2"),
        Of<D3Network>("D3"),
        Of<D4Network>("D4"),
        Of<D5Network>("D5"),
    ];

    public string Id { get; }

    public NetworkSpec Spec { get; }

    public INetwork<double> Create() => _create();

    public VerificationReport Verify() => _verify();

    /// <summary>The id, which is what BenchmarkDotNet shows in the Network column.</summary>
    public override string ToString() => Id;

    /// <summary>A fresh network (a delegate of its own: <c>INetwork&lt;double&gt;</c>, with a static abstract member, cannot be a type argument).</summary>
    private delegate INetwork<double> Factory();

    private static DoubleWorkload Of<TNetwork>(string id)
        where TNetwork : class, INetwork<double>, new() =>
        new(id, TNetwork.Spec, () => new TNetwork(), () => NetworkVerifier.Verify(new TNetwork()));
}
