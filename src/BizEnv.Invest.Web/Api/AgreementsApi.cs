using BizEnv.Invest.Application.Agreements;
using BizEnv.Invest.Application.Agreements.AddObligation;
using BizEnv.Invest.Application.Agreements.AttachAgreementFile;
using BizEnv.Invest.Application.Agreements.EditAgreement;
using BizEnv.Invest.Application.Agreements.GetAgreement;
using BizEnv.Invest.Application.Agreements.GetAgreementFile;
using BizEnv.Invest.Application.Agreements.GetAgreementImportTemplate;
using BizEnv.Invest.Application.Agreements.Grain;
using BizEnv.Invest.Application.Agreements.ImportAgreements;
using BizEnv.Invest.Application.Agreements.ListAgreements;
using BizEnv.Invest.Application.Agreements.ListObligations;
using BizEnv.Invest.Application.Agreements.ListProjectAgreements;
using BizEnv.Invest.Application.Agreements.RecordAgreement;
using BizEnv.Invest.Application.Agreements.RecordObligationProgress;
using BizEnv.Invest.Application.Agreements.RefreshAgreementProgress;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Domain.Agreements;

namespace BizEnv.Invest.Web.Api;

/// <summary>Investment agreements 投资协议 and the investor's obligations: recorded per project, progress with evidence, import.</summary>
public static class AgreementsApi
{
    /// <summary>The recording body; the signed file (PDF or image, ≤ 10 MB) travels base64-encoded, or is attached later (multipart).</summary>
    public sealed record RecordBody(
        Guid? UnitId, string Number, string Title, string GovernmentSignatory, string InvestorSignatory, DateOnly SignedOn, int ConditionPaymentDays,
        IReadOnlyList<ObligationInput> Obligations, string? FileName = null, string? ContentType = null, byte[]? FileContent = null);

    public sealed record EditBody(Guid UnitId, string Number, string Title, string GovernmentSignatory, string InvestorSignatory, DateOnly SignedOn,
        int ConditionPaymentDays, int Version);

    public sealed record ProgressBody(decimal Value, DateOnly AsOf, string Evidence);

    public static void MapAgreementsApi(this RouteGroupBuilder v1)
    {
        var agreements = v1.MapGroup("/agreements").WithTags("Agreements");

        agreements.MapGet("/", async (string? search, int? page, int? pageSize, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ListAgreements(search, page ?? 1, pageSize ?? 20))))
            .WithSummary("Agreements I may see (officers: their unit's projects), latest signed first").Produces<Page<AgreementSummary>>();

        agreements.MapGet("/obligations", async (ObligationStatus? status, ObligationKind? kind, Guid? unitId, int? page, int? pageSize, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ListObligations(status, kind, unitId, page ?? 1, pageSize ?? 20))))
            .WithSummary("Investors' obligations by status, kind and government unit; soonest due first").Produces<Page<ObligationRow>>();

        agreements.MapPost("/obligations/{obligationId:guid}/progress", async (Guid obligationId, ProgressBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new RecordObligationProgress(obligationId, b.Value, b.AsOf, b.Evidence))))
            .WithSummary("A progress figure with its evidence (measured kinds; milestones and 到资 come from the project)").ProducesValidationProblem();

        agreements.MapGet("/import-template", (HttpContext ctx, CancellationToken ct) => ctx.SendFile(new GetAgreementImportTemplate()))
            .WithSummary("The .xlsx layout the agreements import expects (one row per obligation), with an example agreement");

        agreements.MapPost("/import", async (IFormFile file, HttpContext ctx) =>
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ctx.RequestAborted);
            return TypedResults.Ok(await ctx.Send(new ImportAgreements(buffer.ToArray())));
        }).DisableAntiforgery() // the X-XSRF-TOKEN header is still required (API group filter)
          .WithSummary("Import agreements and obligations from .xlsx: every bad row reported by row and column; all or nothing");

        agreements.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetAgreement(id))))
            .WithSummary("One agreement with its obligations, their progress and the history of figures with evidence");

        agreements.MapPut("/{id:guid}", async (Guid id, EditBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new EditAgreement(id, b.UnitId, b.Number, b.Title, b.GovernmentSignatory, b.InvestorSignatory, b.SignedOn,
                    b.ConditionPaymentDays, b.Version))))
            .WithSummary("Correct the agreement's header (409 if it changed meanwhile)").ProducesValidationProblem();

        agreements.MapPost("/{id:guid}/obligations", async (Guid id, ObligationInput b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new AddObligation(id, b))))
            .WithSummary("Add an obligation of the investor").ProducesValidationProblem();

        agreements.MapPost("/{id:guid}/refresh", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new RefreshAgreementProgress(id))))
            .WithSummary("Read the project's stage dates and 到资 now (done daily and on every project change too)");

        agreements.MapGet("/{id:guid}/file", (Guid id, HttpContext ctx) => ctx.SendFile(new GetAgreementFile(id)))
            .WithSummary("Download the signed agreement");

        agreements.MapPost("/{id:guid}/file", async (Guid id, IFormFile file, HttpContext ctx) =>
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ctx.RequestAborted);
            return TypedResults.Ok(await ctx.Send(new AttachAgreementFile(id, file.FileName, file.ContentType, buffer.ToArray())));
        }).DisableAntiforgery().WithSummary("Attach or replace the signed agreement (multipart; PDF or image, ≤ 10 MB)").ProducesValidationProblem();

        var projects = v1.MapGroup("/projects").WithTags("Agreements");

        projects.MapGet("/{id:guid}/agreements", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new ListProjectAgreements(id))))
            .WithSummary("The project's agreements");

        projects.MapPost("/{id:guid}/agreements", async (Guid id, RecordBody b, HttpContext ctx) =>
        {
            var saved = await ctx.Send(new RecordAgreement(id, b.UnitId, b.Number, b.Title, b.GovernmentSignatory, b.InvestorSignatory, b.SignedOn,
                b.ConditionPaymentDays, b.Obligations, b.FileName, b.ContentType, b.FileContent));
            return TypedResults.Created($"/api/v1/agreements/{saved.AgreementId}", saved);
        }).WithSummary("Record the project's agreement with its obligations (at least one)").ProducesValidationProblem();
    }
}
