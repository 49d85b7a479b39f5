using BizEnv.Invest.Application.Commitments.AgreementFigures.ExportAgreementFigures;
using BizEnv.Invest.Application.Commitments.AgreementFigures.GetAgreementFigures;
using BizEnv.Invest.Application.Commitments.AmendCommitment;
using BizEnv.Invest.Application.Commitments.ChangeCommitmentStatus;
using BizEnv.Invest.Application.Commitments.ExportBreachAlerts;
using BizEnv.Invest.Application.Commitments.GetCommitmentDashboard;
using BizEnv.Invest.Application.Commitments.ListAmendments;
using BizEnv.Invest.Application.Commitments.ReviewAmendment;
using BizEnv.Invest.Application.Commitments.GetCommitment;
using BizEnv.Invest.Application.Commitments.ListAuthorityLimits;
using BizEnv.Invest.Application.Commitments.ListBreachAlerts;
using BizEnv.Invest.Application.Commitments.ListCommitments;
using BizEnv.Invest.Application.Commitments.ListConditionChoices;
using BizEnv.Invest.Application.Commitments.ListConditionUnmet;
using BizEnv.Invest.Application.Commitments.RecordCommitment;
using BizEnv.Invest.Application.Commitments.ReviewCommitment;
using BizEnv.Invest.Application.Commitments.SetAuthorityLimit;
using BizEnv.Invest.Application.Commitments.TriageBreachAlert;
using BizEnv.Invest.Application.Commitments.GetLedgerProof;
using BizEnv.Invest.Application.Commitments.Ledger.Signing;
using BizEnv.Invest.Application.Commitments.VerifyLedger;
using BizEnv.Invest.Application.Commitments.Receipts.GetLogState;
using BizEnv.Invest.Application.Commitments.Receipts.GetPublicReceipt;
using BizEnv.Invest.Application.Commitments.Receipts.GetReceipt;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Web.Receipts;
using BizEnv.Invest.Domain.Commitments;
using BizEnv.Invest.Domain.Identity;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

public static class CommitmentsApi
{
    public sealed record ReviewBody(bool Approve, string? Opinion, int Version);

    public sealed record StatusBody(CommitmentStatus To, string? Note, string? Evidence, decimal? FulfilledShare, DateOnly? NewDueDate,
        string? ConsentDocument, string? AgreementDocument, int Version);

    public sealed record TriageBody(bool Confirm, string? DismissReason, string? Explanation, int Version);

    public sealed record AlertQuery(string? Status, Guid? UnitId, Guid? PromiserId, CommitmentKind? Kind, string? AlertKind, DateOnly? From, DateOnly? To)
    {
        // An absent status means the triage queue (New); status= (empty) means every status.
        public BreachAlertFilter ToFilter() => new(Status ?? "New", UnitId, PromiserId, Kind, AlertKind, From, To);
    }

    public sealed record AmendBody(string Clause, decimal? ValueCny, string? PolicyTitle, string? PolicyNumber, string? ContractRef, string Reason, int Version);

    public sealed record LimitBody(Guid UnitId, Role Role, CommitmentKind Kind, decimal? MaxValue, bool Remove = false);

    public static void MapCommitmentsApi(this RouteGroupBuilder v1)
    {
        var commitments = v1.MapGroup("/commitments").WithTags("Commitments");
        commitments.MapGet("/", async (HttpContext ctx, CommitmentStatus? status, CommitmentKind? kind, Guid? projectId, int? page, int? pageSize) =>
                TypedResults.Ok(await ctx.Send(new ListCommitments(status, kind, projectId, page ?? 1, pageSize ?? 20))))
            .WithSummary("Promises I may see (status=PendingApproval: the approval queue)");
        commitments.MapGet("/condition-choices", async (Guid projectId, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListConditionChoices(projectId))))
            .WithSummary("A project's agreements with the investor obligations a promise may be conditional on (AgreementId, ConditionObligationIds)");
        // The result type is spelled out: a lambda taking only HttpContext would bind as a RequestDelegate and its answer be dropped (an empty 200).
        commitments.MapGet("/condition-unmet", async Task<Ok<IReadOnlyList<ConditionUnmetItem>>> (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListConditionUnmet())))
            .WithSummary("Promises that fell due with an investor's condition unmet (not breaches), with the conditions still unmet");
        commitments.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetCommitment(id))))
            .WithSummary("One promise with its full ledger history");
        commitments.MapPost("/", async (RecordCommitment body, HttpContext ctx) =>
        {
            var state = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/commitments/{state.Id}", state);
        }).WithSummary("Record a promise: binding within authority (and reserving its capacity), else pending approval; under an agreement, optionally conditional on its obligations").ProducesValidationProblem();
        commitments.MapPost("/{id:guid}/review", async (Guid id, ReviewBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReviewCommitment(id, b.Approve, b.Opinion, b.Version))))
            .WithSummary("Approve or reject a promise held for approval (leaders)").ProducesValidationProblem();
        commitments.MapPost("/{id:guid}/status", async (Guid id, StatusBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ChangeCommitmentStatus(id, b.To, b.Note, b.Evidence, b.FulfilledShare, b.NewDueDate, b.ConsentDocument,
                    b.AgreementDocument, b.Version))))
            .WithSummary("In progress / fulfilled (evidence) / partly (share) / extended (new date + consent) / cancelled (agreement)").ProducesValidationProblem();
        commitments.MapPost("/{id:guid}/amendments", async (Guid id, AmendBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AmendCommitment(id, b.Clause, b.ValueCny, b.PolicyTitle, b.PolicyNumber, b.ContractRef, b.Reason, b.Version))))
            .WithSummary("Amend the terms with a reason; a widening beyond authority waits for a leader").ProducesValidationProblem();
        commitments.MapGet("/{id:guid}/amendments", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListAmendments(id))))
            .WithSummary("The amendments of one promise, newest first");
        commitments.MapGet("/{id:guid}/receipts/{seq:long}", async (Guid id, long seq, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetReceipt(id, seq))))
            .WithSummary("The receipt of one ledger entry of the promise (README \"Receipts\"): entry, leaf index, signed checkpoint, inclusion proof");
        commitments.MapGet("/{id:guid}/receipts/{seq:long}/pdf", async (Guid id, long seq, HttpContext ctx, ReceiptPdf pdf) =>
        {
            var receipt = await ctx.Send(new GetReceipt(id, seq));
            if (!pdf.FontsPresent)
                throw new DomainException("receipt.pdf_fonts_missing");
            var url = ReceiptQr.VerifyUrl($"{ctx.Request.Scheme}://{ctx.Request.Host}{ctx.Request.PathBase}", receipt);
            return TypedResults.File(pdf.Render(receipt, url), "application/pdf", $"receipt-{receipt.Seq}.pdf");
        }).WithSummary("The receipt printed as a PDF, with a QR code to the public verify page");
        commitments.MapGet("/dashboard", async (HttpContext ctx, int? months) => TypedResults.Ok(await ctx.Send(new GetCommitmentDashboard(months ?? 12))))
            .WithSummary("Figures: by status and kind, fulfilment rate, lapses and breaches per unit and month, cases by outcome, pre-2018 progress");
        commitments.MapGet("/dashboard/agreement-figures", async (HttpContext ctx, Guid? unitId) => TypedResults.Ok(await ctx.Send(new GetAgreementFigures(unitId))))
            .WithSummary("Both sides of the agreements: undelivered promised money by year due and unit, obligations by kind, defaults and recoveries (all units or one)");
        commitments.MapGet("/dashboard/agreement-figures/export", (HttpContext ctx, Guid? unitId) => ctx.SendFile(new ExportAgreementFigures(unitId)))
            .WithSummary("The agreement figures as an .xlsx in the 台账 layout, one sheet per table");

        var amendments = v1.MapGroup("/amendments").WithTags("Commitments");
        amendments.MapGet("/", async Task<Ok<IReadOnlyList<AmendmentDto>>> (HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListAmendments())))
            .WithSummary("Amendments waiting for a leader's approval");
        amendments.MapPost("/{id:guid}/review", async (Guid id, ReviewBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ReviewAmendment(id, b.Approve, b.Opinion, b.Version))))
            .WithSummary("Approve (terms apply) or reject (with opinion) a widening amendment (leaders)").ProducesValidationProblem();

        var ledger = v1.MapGroup("/ledger").WithTags("Commitments");
        ledger.MapGet("/verify", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new VerifyLedger())))
            .WithSummary("Recompute the hash chain; names the first broken entry");
        ledger.MapPost("/checkpoints", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new CreateCheckpoint())))
            .WithSummary("Write a signed checkpoint (size + head hash + Merkle root)");
        // Public, no sign-in: anyone (a witness, an investor's browser) checks checkpoint notes with this key.
        ledger.MapGet("/keys", (ICheckpointSigner signer) => TypedResults.Ok(new[] { new LedgerKey(signer.Name, signer.KeyId, signer.Algorithm, signer.PublicKeyPem, signer.UserId) }))
            .AllowAnonymous().WithSummary("The checkpoint signing keys: note name, key id, algorithm (SM2-SM3 or Ed25519), public key PEM, SM2 user id");
        // Public, no sign-in: the verify page reached from a printed receipt's QR code (the leaf hash entitles it).
        ledger.MapGet("/receipts", async (HttpContext ctx, long leafIndex, string leafHash) => TypedResults.Ok(await ctx.Send(new GetPublicReceipt(leafIndex, leafHash))))
            .AllowAnonymous().WithSummary("A receipt by leaf index and leaf hash (what a printed receipt's QR code names)");
        ledger.MapGet("/log-state", async (HttpContext ctx, long fromSize, long? leafIndex, string? leafHash) =>
                TypedResults.Ok(await ctx.Send(new GetLogState(fromSize, leafIndex, leafHash))))
            .AllowAnonymous().WithSummary("The newest signed checkpoint, a consistency proof from fromSize to it, and whether the entry still has leafHash");
        ledger.MapGet("/proof/inclusion", async (HttpContext ctx, long? seq, long? leafIndex, long? treeSize) =>
                TypedResults.Ok(await ctx.Send(new GetInclusionProof(seq, leafIndex, treeSize))))
            .WithSummary("RFC 9162 inclusion proof of entry seq (or leafIndex = seq − 1) in the tree of treeSize entries (default: the newest sealed)");
        ledger.MapGet("/proof/consistency", async (HttpContext ctx, long oldSize, long? newSize) =>
                TypedResults.Ok(await ctx.Send(new GetConsistencyProof(oldSize, newSize))))
            .WithSummary("RFC 9162 consistency proof from the tree of oldSize entries to the tree of newSize (default: the newest sealed)");

        var alerts = v1.MapGroup("/breach-alerts").WithTags("Integrity");
        alerts.MapGet("/", async (HttpContext ctx, [AsParameters] AlertQuery q) => TypedResults.Ok(await ctx.Send(new ListBreachAlerts(q.ToFilter()))))
            .WithSummary("Credit-integrity breach alerts (status New/Confirmed/Dismissed, empty for all; unit, promiser, kind, alertKind, from/to raised dates)");
        alerts.MapGet("/export", (HttpContext ctx, [AsParameters] AlertQuery q) => ctx.SendFile(new ExportBreachAlerts(q.ToFilter())))
            .WithSummary("The filtered alerts as an .xlsx 台账");
        alerts.MapPost("/{id:guid}/triage", async (Guid id, TriageBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new TriageBreachAlert(id, b.Confirm, b.DismissReason, b.Explanation, b.Version))))
            .WithSummary("Confirm a breach (opens its case; the case id is returned), or dismiss it with a reason (integrity office)").ProducesValidationProblem();

        var limits = v1.MapGroup("/authority-limits").WithTags("Commitments");
        limits.MapGet("/", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new ListAuthorityLimits())))
            .WithSummary("What each unit and role may promise");
        limits.MapPut("/", async Task<NoContent> (LimitBody b, HttpContext ctx) =>
        {
            await ctx.Send(new SetAuthorityLimit(b.UnitId, b.Role, b.Kind, b.MaxValue, b.Remove));
            return TypedResults.NoContent();
        }).WithSummary("Set or remove an authority limit (admin)").ProducesValidationProblem();
    }
}
