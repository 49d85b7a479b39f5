using Microsoft.AspNetCore.Http.HttpResults;
using BizEnv.Invest.Application.Common;
using BizEnv.Invest.Application.Crm.Investors;
using BizEnv.Invest.Application.Crm.Investors.ExportInvestors;
using BizEnv.Invest.Application.Crm.Investors.GetInvestor;
using BizEnv.Invest.Application.Crm.Investors.GetInvestorImportTemplate;
using BizEnv.Invest.Application.Crm.Investors.ImportInvestors;
using BizEnv.Invest.Application.Crm.Investors.ListIndustries;
using BizEnv.Invest.Application.Crm.Investors.ListInvestors;
using BizEnv.Invest.Application.Crm.Investors.MarkContactPrivate;
using BizEnv.Invest.Application.Crm.Investors.SaveInvestor;
using BizEnv.Invest.Application.Crm.Investors.SaveUnitNote;
using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Web.Api;

public static class InvestorsApi
{
    public sealed record InvestorBody(
        string Name, string? CreditCode, Ownership Ownership, string? HomeRegion, string? IndustryCode, bool IsFortune500, bool IsChina500,
        Guid? ParentId, IReadOnlyList<ContactDto>? Contacts, IReadOnlyList<Guid>? LinkedOfficerIds, bool ConfirmSameName = false, int Version = 0)
    {
        public SaveInvestor ToCommand(Guid? id) => new(id, Name, CreditCode, Ownership, HomeRegion, IndustryCode, IsFortune500, IsChina500, ParentId,
            Contacts ?? [], LinkedOfficerIds ?? [], ConfirmSameName, Version);
    }

    /// <summary>The text of my unit's internal notes (blank removes them) and the version read (0: none yet).</summary>
    public sealed record UnitNoteBody(string? Body, int Version = 0);

    public sealed record ContactPrivacyBody(bool OnlyOurUnit);

    public sealed record InvestorQuery(
        string? Search, string? Industry, Ownership? Ownership, string? Region, bool? Fortune500, bool? China500, Guid? LinkedOfficerId,
        ProjectStage? ProjectStage, bool? Registry, int? Page, int? PageSize, string? Sort, bool? Desc)
    {
        public ListInvestors ToRequest() => new(Search, Industry, Ownership, Region, Fortune500, China500, LinkedOfficerId, ProjectStage, Registry ?? false,
            Page ?? 1, PageSize ?? 20, Sort, Desc ?? false);
    }

    public static void MapInvestorsApi(this RouteGroupBuilder v1)
    {
        var investors = v1.MapGroup("/investors").WithTags("Investors");

        investors.MapGet("/", async (HttpContext ctx, [AsParameters] InvestorQuery q) => TypedResults.Ok(await ctx.Send(q.ToRequest())))
            .WithSummary("Investors of my unit (all units for leaders/integrity/admin; registry=true: look a firm up across units)")
            .Produces<Page<InvestorSummary>>();

        investors.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetInvestor(id))))
            .WithSummary("One investor with contacts, linked officers, group companies, projects and recent visits by any unit " +
                         "(a unit's internal notes and private contacts only for that unit and the integrity office)");

        investors.MapPut("/{id:guid}/unit-note", async Task<Results<Ok<UnitNoteView>, NoContent>> (Guid id, UnitNoteBody body, HttpContext ctx) =>
            await ctx.Send(new SaveUnitNote(id, body.Body, body.Version)) is { } note ? TypedResults.Ok(note) : TypedResults.NoContent())
            .WithSummary("My unit's internal notes about a firm (any firm; 204 when cleared; 409 if changed meanwhile)").ProducesValidationProblem();

        investors.MapPut("/{id:guid}/contacts/{contactId:guid}/privacy", async (Guid id, Guid contactId, ContactPrivacyBody body, HttpContext ctx) =>
            TypedResults.Ok(await ctx.Send(new MarkContactPrivate(id, contactId, body.OnlyOurUnit))))
            .WithSummary("Mark a contact of my unit's firm as only our unit's (or shared again)");

        investors.MapPost("/", async (InvestorBody body, HttpContext ctx) =>
        {
            var saved = await ctx.Send(body.ToCommand(null));
            return TypedResults.Created($"/api/v1/investors/{saved.Id}", saved);
        }).WithSummary("Register an investor (credit code checked per GB 32100-2015; duplicates refused)").ProducesValidationProblem();

        investors.MapPut("/{id:guid}", async (Guid id, InvestorBody body, HttpContext ctx) => TypedResults.Ok(await ctx.Send(body.ToCommand(id))))
            .WithSummary("Update an investor of my unit (409 if changed meanwhile)").ProducesValidationProblem();

        investors.MapGet("/export", (HttpContext ctx, [AsParameters] InvestorQuery q) => ctx.SendFile(new ExportInvestors(q.ToRequest())))
            .WithSummary("The filtered investor list as an .xlsx ledger (台账)");

        investors.MapGet("/import-template", (HttpContext ctx, CancellationToken ct) => ctx.SendFile(new GetInvestorImportTemplate()))
            .WithSummary("The .xlsx layout the import expects, with an example row");

        investors.MapPost("/import", async (IFormFile file, bool? importValidRows, HttpContext ctx) =>
        {
            await using var stream = file.OpenReadStream();
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, ctx.RequestAborted);
            return TypedResults.Ok(await ctx.Send(new ImportInvestors(buffer.ToArray(), importValidRows ?? false)));
        }).DisableAntiforgery() // the X-XSRF-TOKEN header is still required (API group filter)
          .WithSummary("Import investors from .xlsx: every bad row reported; nothing imported unless importValidRows=true");

        v1.MapGet("/industries", async (HttpContext ctx, string? search, int? limit) => TypedResults.Ok(await ctx.Send(new ListIndustries(search, limit ?? 30))))
            .WithTags("Investors").WithSummary("GB/T 4754-2017 industry codes by code prefix or Chinese name");
    }
}
