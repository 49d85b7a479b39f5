using BizEnv.Invest.Application.Commitments.Witnesses.GetLatestCheckpoint;
using BizEnv.Invest.Application.Commitments.Witnesses.GetWitnessKeys;
using BizEnv.Invest.Application.Commitments.Witnesses.GetWitnessStatus;
using BizEnv.Invest.Application.Commitments.Witnesses.RegisterWitness;
using BizEnv.Invest.Application.Commitments.Witnesses.ReportWitnessAlarm;
using BizEnv.Invest.Application.Commitments.Witnesses.SubmitCosignature;
using BizEnv.Invest.Domain.Ledger.Witness;

namespace BizEnv.Invest.Web.Api;

/// <summary>
/// The ledger's witnesses (README "Witnesses"): the latest checkpoint for anyone, the registry for admins, the status for
/// the integrity office — and the two doors a witness program writes through, which take no session and so no
/// antiforgery token: a witness's Ed25519 signature is what lets its cosignature or alarm in.
/// </summary>
public static class LedgerWitnessApi
{
    public sealed record WitnessBody(string Name, string Office, string PublicKey);

    public sealed record CosignatureBody(string Cosignature);

    /// <param name="UnixSeconds">The time the witness signed into its alarm.</param>
    /// <param name="Signature">Base64 Ed25519 signature over the alarm message (README "Witnesses").</param>
    public sealed record AlarmBody(string Witness, AlarmKind Kind, string CosignedNote, string OfferedNote, long UnixSeconds, string Signature);

    /// <summary>Inside /api/v1 (session, antiforgery on writes).</summary>
    public static void MapLedgerWitnessApi(this RouteGroupBuilder v1)
    {
        var ledger = v1.MapGroup("/ledger").WithTags("Commitments");
        ledger.MapGet("/checkpoints/latest", async (HttpContext ctx, long? since) => TypedResults.Ok(await ctx.Send(new GetLatestCheckpoint(since))))
            .AllowAnonymous().WithSummary("The latest signed checkpoint note (with witnesses' cosignature lines), and the consistency proof from the tree of `since` entries");
        // Public, no sign-in, like the log's own key: a receipt's cosignature lines are checked with these.
        ledger.MapGet("/witness-keys", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new GetWitnessKeys())))
            .AllowAnonymous().WithSummary("The witnesses' Ed25519 public keys (base64), offices and key ids; retired ones marked");
        // The CancellationToken keeps the lambda from binding as a RequestDelegate (which would drop its result).
        ledger.MapGet("/witnesses", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new GetWitnessStatus())))
            .WithSummary("Registered witnesses, \"witnessed by N of M\" for the latest checkpoint, each witness's last cosignature, the latest alarms");
        ledger.MapPost("/witnesses", async (WitnessBody b, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new RegisterWitness(b.Name, b.Office, b.PublicKey))))
            .WithSummary("Register a witness another office runs: name, office, Ed25519 public key (base64, as the witness prints it) — admin").ProducesValidationProblem();
        ledger.MapPost("/witnesses/retire", async (RetireWitness body, HttpContext ctx) => TypedResults.Ok(await ctx.Send(body)))
            .WithSummary("Retire a witness: its key is no longer taken (admin)");
    }

    /// <summary>The witness program's writes: outside the session group, signed by the witness instead.</summary>
    public static void MapWitnessSubmissions(this IEndpointRouteBuilder app)
    {
        var ledger = app.MapGroup("/api/v1/ledger").WithTags("Commitments").AllowAnonymous();
        ledger.MapPost("/checkpoints/{size:long}/cosignatures", async (long size, CosignatureBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new SubmitCosignature(size, b.Cosignature))))
            .WithSummary("A registered witness's cosignature line for the checkpoint of that size (no sign-in: taken only when the witness's key verifies it)");
        ledger.MapPost("/witness-alarms", async (AlarmBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReportWitnessAlarm(b.Witness, b.Kind, b.CosignedNote, b.OfferedNote, b.UnixSeconds, b.Signature))))
            .WithSummary("A registered witness reports it refused to cosign (fork, shrink, inconsistent, bad signature), signed with its key; the integrity office is told");
    }
}
