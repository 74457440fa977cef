// This file is compiled into both the runtime and the generator (where it is internal).
namespace NetCompiler
{
    /// <summary>The floating-point type a generated network computes in.</summary>
#if NETCOMPILER_GENERATOR
    internal enum Precision
#else
    public enum Precision
#endif
    {
        /// <summary>32-bit <see cref="float"/>, the default.</summary>
        Single = 0,

        /// <summary>64-bit <see cref="double"/>.</summary>
        Double = 1,
    }
}
