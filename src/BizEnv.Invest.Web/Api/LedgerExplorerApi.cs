using BizEnv.Invest.Application.Commitments.LedgerExplorer.ExportCheckpoints;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ListCheckpoints;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveConsistency;
using BizEnv.Invest.Application.Commitments.LedgerExplorer.ProveEntry;

namespace BizEnv.Invest.Web.Api;

/// <summary>The ledger explorer's reads: the checkpoint history (and its .xlsx), and proofs checked between signed roots.</summary>
public static class LedgerExplorerApi
{
    public static void MapLedgerExplorerApi(this RouteGroupBuilder v1)
    {
        var ledger = v1.MapGroup("/ledger").WithTags("Commitments");
        ledger.MapGet("/checkpoints", async (HttpContext ctx, DateOnly? from, DateOnly? to, int? page, int? pageSize) =>
                TypedResults.Ok(await ctx.Send(new ListCheckpoints(from, to, page ?? 1, pageSize ?? 50))))
            .WithSummary("The checkpoint history, newest first (from/to: China-time dates, inclusive), each seal checked with the published key");
        ledger.MapGet("/checkpoints/export", (HttpContext ctx, DateOnly? from, DateOnly? to) => ctx.SendFile(new ExportCheckpoints(from, to)))
            .WithSummary("The checkpoint history as an .xlsx, oldest first, with every signed note");
        ledger.MapGet("/checkpoints/{id:long}/entries/{seq:long}/proof", async (HttpContext ctx, long id, long seq) =>
                TypedResults.Ok(await ctx.Send(new ProveEntry(seq, id))))
            .WithSummary("Entry seq's inclusion in checkpoint id, recomputed from the entry as stored and checked against the checkpoint's signed root");
        ledger.MapGet("/checkpoints/{id:long}/consistency/{newId:long}", async (HttpContext ctx, long id, long newId) =>
                TypedResults.Ok(await ctx.Send(new ProveConsistency(id, newId))))
            .WithSummary("Checkpoint newId only appended to checkpoint id: the consistency proof, checked between their signed roots");
    }
}
