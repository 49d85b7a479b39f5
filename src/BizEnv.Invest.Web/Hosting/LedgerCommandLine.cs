using System.Globalization;
using BizEnv.Invest.Application.Commitments.Ledger;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveConsistency;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveEntry;
using BizEnv.Invest.Domain.Common;
using MediatR;

namespace BizEnv.Invest.Web.Hosting;

/// <summary>
/// The operator's ledger commands, run on the server against its database instead of serving:
/// <c>--verify-ledger</c> (chain, Merkle tree and the anchoring checkpoint), <c>--prove-entry SEQ CHECKPOINT</c>
/// (entry SEQ recomputed as stored and folded to checkpoint CHECKPOINT's signed root) and
/// <c>--prove-consistency OLD NEW</c> (checkpoint NEW only appended to checkpoint OLD). Exit code 0 when it holds,
/// 2 when it does not, 64 for a wrong command line. They are the explorer's own proofs, without a session:
/// whoever runs the server's binary on its configuration is the operator.
/// </summary>
internal static class LedgerCommandLine
{
    private static readonly Dictionary<string, int> Commands = new()
    {
        ["--verify-ledger"] = 0, ["--prove-entry"] = 2, ["--prove-consistency"] = 2,
    };

    /// <summary>The arguments left for configuration: these commands and the numbers they take removed.</summary>
    public static string[] WithoutCommands(string[] args)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (Commands.TryGetValue(args[i], out var values))
                i += values;
            else
                rest.Add(args[i]);
        }
        return [.. rest];
    }

    /// <summary>Runs the command given, if any, and returns its exit code; null when none was given (serve).</summary>
    public static async Task<int?> RunAsync(IServiceProvider services, string[] args)
    {
        var at = Array.FindIndex(args, Commands.ContainsKey);
        if (at < 0)
            return null;
        var command = args[at];
        if (command == "--verify-ledger")
            return await VerifyAsync(services);
        if (at + 2 >= args.Length || !long.TryParse(args[at + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !long.TryParse(args[at + 2], NumberStyles.None, CultureInfo.InvariantCulture, out var second))
        {
            Console.Error.WriteLine(command == "--prove-entry" ? "Usage: --prove-entry <entry seq> <checkpoint id>" : "Usage: --prove-consistency <older checkpoint id> <newer checkpoint id>");
            return 64;
        }
        await using var scope = services.CreateAsyncScope();
        try
        {
            return command == "--prove-entry"
                ? Report(await scope.ServiceProvider.GetRequiredService<IRequestHandler<ProveEntry, EntryProof>>().Handle(new ProveEntry(first, second), default))
                : Report(await scope.ServiceProvider.GetRequiredService<IRequestHandler<ProveConsistency, ConsistencyCheck>>().Handle(new ProveConsistency(first, second), default));
        }
        catch (DomainException e)
        {
            Console.WriteLine($"Cannot prove: {Application.Localization.Text.Get(e.Code, [.. e.Args])} ({e.Code})");
            return 2;
        }
        catch (Application.Errors.NotFoundException e)
        {
            Console.WriteLine($"Cannot prove: {e.ObjectType} {e.Id} does not exist");
            return 2;
        }
    }

    private static int Report(EntryProof p)
    {
        Console.WriteLine(p.Verified
            ? $"Entry {p.Seq} is in checkpoint #{p.Checkpoint.Id} ({p.Checkpoint.Size} entries): leaf {p.LeafHash}, {p.Path.Count} path hashes lead to the signed root {p.Checkpoint.TreeRoot}; signature verified"
            : !p.PathLeadsToRoot
                ? $"NOT PROVEN: entry {p.Seq} as stored does not lead to the root checkpoint #{p.Checkpoint.Id} sealed ({p.Checkpoint.TreeRoot}): it or the tree was changed after sealing"
                : $"NOT PROVEN: the path holds, but checkpoint #{p.Checkpoint.Id}'s signature is {p.Checkpoint.Seal}");
        foreach (var hash in p.Path)
            Console.WriteLine($"  {hash}");
        return p.Verified ? 0 : 2;
    }

    private static int Report(ConsistencyCheck c)
    {
        Console.WriteLine(c.Verified
            ? $"Checkpoint #{c.New.Id} ({c.New.Size} entries) only appended to checkpoint #{c.Old.Id} ({c.Old.Size} entries): {c.Proof.Count} proof hashes; both signatures verified"
            : !c.ProofHolds
                ? $"NOT CONSISTENT: checkpoint #{c.New.Id} ({c.New.TreeRoot}) does not extend checkpoint #{c.Old.Id} ({c.Old.TreeRoot}): what was sealed before was rewritten"
                : $"NOT PROVEN: the proof holds, but a signature does not verify (#{c.Old.Id}: {c.Old.Seal}, #{c.New.Id}: {c.New.Seal})");
        foreach (var hash in c.Proof)
            Console.WriteLine($"  {hash}");
        return c.Verified ? 0 : 2;
    }

    /// <summary>Exit code 0 when the chain, the Merkle tree and the anchoring checkpoint agree, 2 when not.</summary>
    private static async Task<int> VerifyAsync(IServiceProvider services)
    {
        var result = await services.GetRequiredService<LedgerVerifier>().VerifyAsync();
        var tree = $"Merkle tree {result.TreeSize} entries, root {Convert.ToHexStringLower(result.TreeRoot ?? [])}; latest checkpoint's signature: {result.Seal ?? "none"}";
        Console.WriteLine(result.Intact
            ? $"Ledger intact: {result.Entries} entries, head {Convert.ToHexStringLower(result.HeadHash)}; {tree}"
            : $"Ledger BROKEN{(result.FirstBrokenSeq is { } seq ? $" at entry {seq}" : "")}: {result.Problem}; {tree}");
        return result.Intact ? 0 : 2;
    }
}
