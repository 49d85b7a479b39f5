using System.Globalization;
using System.Security.Cryptography;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using Microsoft.Extensions.Configuration;

namespace BizEnv.Invest.Benchmarks;

/// <summary>
/// Issue #13's "checkpoint signing ≤ 5 ms": a whole signed note (body, signature, key hash) with each algorithm the
/// app offers — SM2 with SM3 (the default, BouncyCastle) and Ed25519 — and, beside it, what a reader pays to verify one.
/// </summary>
internal static class SigningBenchmarks
{
    public static async Task RunAsync(int samples)
    {
        foreach (var algorithm in new[] { "SM2", "Ed25519" })
        {
            var signer = CheckpointSigner.FromConfiguration(new ConfigurationBuilder()
                .AddInMemoryCollection(new Dictionary<string, string?> { ["Ledger:SigningAlgorithm"] = algorithm }).Build());
            var root = SHA256.HashData("benchmark"u8);
            var notes = new string[samples];
            var signing = await Measure.Run($"sign a checkpoint, {signer.Algorithm}", samples,
                i => { notes[i] = CheckpointNote.Sign(signer, 1_000_000 + i, root, DateTimeOffset.UtcNow); return Task.CompletedTask; }, warmup: 500);
            var verifying = await Measure.Run($"verify a checkpoint, {signer.Algorithm}", samples,
                i => CheckpointNote.Parse(notes[i])!.VerifiedBy(signer) ? Task.CompletedTask : throw new InvalidOperationException("A note does not verify."), warmup: 0);
            Console.WriteLine(signing);
            Console.WriteLine(verifying);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"  {signer.Algorithm} signing p99 {signing.P99Ms:F2} ms (target ≤ 5 ms): {(signing.P99Ms <= 5 ? "met" : "NOT MET")}"));
        }
    }
}
