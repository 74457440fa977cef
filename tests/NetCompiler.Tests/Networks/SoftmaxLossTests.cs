using System;

namespace NetCompiler.Tests.Networks;

/// <summary>
/// The generated softmax + cross-entropy loss of a network with few outputs (written out, not
/// through <c>Activations.LogSumExp</c>) at logits far beyond exp's range, where a naive formula
/// would overflow or take the log of 0: the output layer's weights are 0 and its biases set z.
/// </summary>
public class SoftmaxLossTests
{
    public static TheoryData<string> Networks => new() { "float", "double" };

    [Theory]
    [MemberData(nameof(Networks))]
    public void HugeLogitsGiveTheExactLossAndGradient(string precision)
    {
        NetworkUnderTest network = Create(precision);
        SetLogits(network, 1000, -1000, 0);

        // J = log Σ e^z − z₁ = 1000 − (−1000); p = (1, 0, 0), so ∂J/∂b = p − y = (1, −1, 0)
        double loss = network.Backward([0.5, -0.25, 0.75, 0.1], [0, 1, 0]);

        Assert.Equal(2000, loss);
        double[] gradients = network.Gradients;
        int biases = network.Spec.GetParameterOffset(1) + network.Spec.GetWeightCount(1);
        Assert.Equal([1.0, -1.0, 0.0], gradients[biases..(biases + 3)]);
        Assert.Equal([1.0, 0.0, 0.0], network.Forward([0.5, -0.25, 0.75, 0.1]));
    }

    /// <summary>
    /// J = (max z + log Σⱼ e^(zⱼ − max z)) − z₂ = (2 + log 3) − 2: rounded twice at the size of z,
    /// so within about an ulp of 3 (the error grows with |z|, as for any formula that subtracts yᵀz).
    /// </summary>
    [Theory]
    [MemberData(nameof(Networks))]
    public void EqualLogitsGiveLogOfTheOutputCount(string precision)
    {
        NetworkUnderTest network = Create(precision);
        SetLogits(network, 2, 2, 2);

        double loss = network.Backward([0.5, -0.25, 0.75, 0.1], [0, 0, 1]);

        Assert.Equal(Math.Log(3), loss, network.IsDouble ? 1e-15 : 4e-7);
    }

    private static NetworkUnderTest Create(string precision) =>
        precision == "float"
            ? NetworkUnderTest.Of(new SoftmaxClassifierSingle(seed: 8), SoftmaxClassifierSingle.Infer)
            : NetworkUnderTest.OfDouble(new SoftmaxClassifierDouble(seed: 8), SoftmaxClassifierDouble.Infer);

    /// <summary>Zero weights in the output layer and the given biases, so z of every input is the biases.</summary>
    private static void SetLogits(NetworkUnderTest network, params double[] logits)
    {
        double[] parameters = network.Parameters;
        int weights = network.Spec.GetParameterOffset(1);
        int biases = weights + network.Spec.GetWeightCount(1);
        Array.Clear(parameters, weights, biases - weights);
        logits.CopyTo(parameters, biases);
        network.Parameters = parameters;
    }
}
