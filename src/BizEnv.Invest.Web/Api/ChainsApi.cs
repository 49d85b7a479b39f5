using BizEnv.Invest.Application.Chains.AddChainEdge;
using BizEnv.Invest.Application.Chains.AddChainNode;
using BizEnv.Invest.Application.Chains.ConfirmNodeFirm;
using BizEnv.Invest.Application.Chains.CreateChain;
using BizEnv.Invest.Application.Chains.GetChain;
using BizEnv.Invest.Application.Chains.GetChainNode;
using BizEnv.Invest.Application.Chains.ListChainNodes;
using BizEnv.Invest.Application.Chains.ListChains;
using BizEnv.Invest.Application.Chains.ListFirmSuggestions;
using BizEnv.Invest.Application.Chains.RemoveChainEdge;
using BizEnv.Invest.Application.Chains.RemoveChainNode;
using BizEnv.Invest.Application.Chains.RemoveNodeFirm;
using BizEnv.Invest.Application.Chains.Reports.ExportChainReport;
using BizEnv.Invest.Application.Chains.Reports.GetChainReport;
using BizEnv.Invest.Application.Chains.SetChainEditors;
using BizEnv.Invest.Application.Chains.Targets.AddChainTarget;
using BizEnv.Invest.Application.Chains.Targets.ChangeChainTargetStatus;
using BizEnv.Invest.Application.Chains.Targets.GetChainTarget;
using BizEnv.Invest.Application.Chains.Targets.LinkTargetInvestor;
using BizEnv.Invest.Application.Chains.Targets.LinkTargetProject;
using BizEnv.Invest.Application.Chains.Targets.ListChainTargets;
using BizEnv.Invest.Application.Chains.UpdateChain;
using BizEnv.Invest.Application.Chains.UpdateChainNode;
using BizEnv.Invest.Domain.Chains;
using Microsoft.AspNetCore.Http.HttpResults;

namespace BizEnv.Invest.Web.Api;

/// <summary>产业链招商图谱: chains and their graph, nodes and their local firms, the target list and the chain reports — the twins of the /chains pages.</summary>
public static class ChainsApi
{
    public sealed record ChainBody(string Name, string? Description, int StrongMinFirms, int WeakMinFirms, decimal? StrongMinInvestment, int Version);

    public sealed record EditorsBody(IReadOnlyList<Guid> UserIds);

    public sealed record NodeBody(Guid? ExistingNodeId, string? Name, string? Description, IReadOnlyList<string>? IndustryCodes, ChainSegment Segment, bool IsExtension);

    public sealed record NodeUpdateBody(string? Name, string? Description, IReadOnlyList<string>? IndustryCodes, ChainSegment Segment, bool IsExtension, int Version);

    public sealed record EdgeBody(Guid FromNodeId, Guid ToNodeId);

    public sealed record FirmBody(Guid InvestorId);

    public sealed record StatusBody(ChainTargetStatus To, string? Reason, int Version);

    public sealed record InvestorBody(Guid InvestorId, int Version);

    public sealed record ProjectBody(Guid ProjectId);

    public static void MapChainsApi(this RouteGroupBuilder v1)
    {
        var chains = v1.MapGroup("/chains").WithTags("Industry chains");
        chains.MapGet("/", async (HttpContext ctx, CancellationToken ct) => TypedResults.Ok(await ctx.Send(new ListChains())))
            .WithSummary("Every chain with its completeness (share of nodes not missing) and targets");
        chains.MapPost("/", async (CreateChain body, HttpContext ctx) =>
        {
            var id = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/chains/{id}", new { id });
        }).WithSummary("Open a chain with its thresholds (admin)").ProducesValidationProblem();
        chains.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetChain(id))))
            .WithSummary("A chain as a graph: nodes with status, local firms, investment and left-to-right positions; edges; editors; recent changes");
        chains.MapPut("/{id:guid}", async Task<NoContent> (Guid id, ChainBody b, HttpContext ctx) =>
        {
            await ctx.Send(new UpdateChain(id, b.Name, b.Description, b.StrongMinFirms, b.WeakMinFirms, b.StrongMinInvestment, b.Version));
            return TypedResults.NoContent();
        }).WithSummary("Rename a chain or change its thresholds (its editors)").ProducesValidationProblem();
        chains.MapPut("/{id:guid}/editors", async Task<NoContent> (Guid id, EditorsBody b, HttpContext ctx) =>
        {
            await ctx.Send(new SetChainEditors(id, b.UserIds));
            return TypedResults.NoContent();
        }).WithSummary("Designate the promotion officers who edit a chain (admin)").ProducesValidationProblem();

        chains.MapPost("/{id:guid}/nodes", async (Guid id, NodeBody b, HttpContext ctx) =>
        {
            var node = await ctx.Send(new AddChainNode(id, b.ExistingNodeId, b.Name, b.Description, b.IndustryCodes, b.Segment, b.IsExtension));
            return TypedResults.Created($"/api/v1/chains/{id}/nodes/{node}", new { id = node });
        }).WithSummary("Add a new node, or share an existing one, into a chain (its editors)").ProducesValidationProblem();
        chains.MapGet("/{id:guid}/nodes/{nodeId:guid}", async (Guid id, Guid nodeId, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetChainNode(id, nodeId))))
            .WithSummary("A node: local firms, suggestions, projects, targets, neighbours and the zones that fit");
        chains.MapPut("/{id:guid}/nodes/{nodeId:guid}", async Task<NoContent> (Guid id, Guid nodeId, NodeUpdateBody b, HttpContext ctx) =>
        {
            await ctx.Send(new UpdateChainNode(id, nodeId, b.Name, b.Description, b.IndustryCodes, b.Segment, b.IsExtension, b.Version));
            return TypedResults.NoContent();
        }).WithSummary("Change a node's name, description, GB/T 4754 codes, segment or 延链 flag (its editors)").ProducesValidationProblem();
        chains.MapPost("/{id:guid}/nodes/{nodeId:guid}/remove", async Task<NoContent> (Guid id, Guid nodeId, HttpContext ctx) =>
        {
            await ctx.Send(new RemoveChainNode(id, nodeId));
            return TypedResults.NoContent();
        }).WithSummary("Take a node out of a chain with its edges there (refused while it has targets)");
        chains.MapPost("/{id:guid}/nodes/{nodeId:guid}/firms", async Task<NoContent> (Guid id, Guid nodeId, FirmBody b, HttpContext ctx) =>
        {
            await ctx.Send(new ConfirmNodeFirm(id, nodeId, b.InvestorId));
            return TypedResults.NoContent();
        }).WithSummary("Confirm a firm as local at a node (a suggestion or any registered firm)").ProducesValidationProblem();
        chains.MapPost("/{id:guid}/nodes/{nodeId:guid}/firms/{investorId:guid}/remove", async Task<NoContent> (Guid id, Guid nodeId, Guid investorId, HttpContext ctx) =>
        {
            await ctx.Send(new RemoveNodeFirm(id, nodeId, investorId));
            return TypedResults.NoContent();
        }).WithSummary("Take a confirmed firm off a node from today, or dismiss a suggestion");
        chains.MapGet("/{id:guid}/suggestions", async (Guid id, HttpContext ctx, Guid? nodeId) => TypedResults.Ok(await ctx.Send(new ListFirmSuggestions(id, nodeId))))
            .WithSummary("Registered firms whose industry code falls under a node's codes, not yet decided on");

        chains.MapPost("/{id:guid}/edges", async Task<NoContent> (Guid id, EdgeBody b, HttpContext ctx) =>
        {
            await ctx.Send(new AddChainEdge(id, b.FromNodeId, b.ToNodeId));
            return TypedResults.NoContent();
        }).WithSummary("Record that one node supplies another (a cycle is refused, naming the edge)").ProducesValidationProblem();
        chains.MapPost("/{id:guid}/edges/remove", async Task<NoContent> (Guid id, EdgeBody b, HttpContext ctx) =>
        {
            await ctx.Send(new RemoveChainEdge(id, b.FromNodeId, b.ToNodeId));
            return TypedResults.NoContent();
        }).WithSummary("Remove a supplies edge");

        chains.MapGet("/{id:guid}/report", async (Guid id, HttpContext ctx, DateOnly? from, DateOnly? to) => TypedResults.Ok(await ctx.Send(new GetChainReport(id, from, to))))
            .WithSummary("A chain over a period: new firms per node, gaps closed, targets added/visited/signed (default: this year)");
        chains.MapGet("/{id:guid}/report/export", (Guid id, HttpContext ctx, DateOnly? from, DateOnly? to) => ctx.SendFile(new ExportChainReport(id, from, to)))
            .WithSummary("The chain report as .xlsx");

        v1.MapGet("/chain-nodes", async (HttpContext ctx, string? search, Guid? exceptChainId) => TypedResults.Ok(await ctx.Send(new ListChainNodes(search, exceptChainId))))
            .WithTags("Industry chains").WithSummary("Nodes by name or code, to share one into another chain");

        var targets = v1.MapGroup("/chain-targets").WithTags("Industry chains");
        targets.MapGet("/", async (HttpContext ctx, Guid? chainId, Guid? nodeId, ChainTargetStatus? status, ChainTargetLabel? label, string? search, int? page, int? pageSize) =>
                TypedResults.Ok(await ctx.Send(new ListChainTargets(chainId, nodeId, status, label, search, page ?? 1, pageSize ?? 20))))
            .WithSummary("The target list 招商目标库, filtered");
        targets.MapPost("/", async (AddChainTarget body, HttpContext ctx) =>
        {
            var target = await ctx.Send(body);
            return TypedResults.Created($"/api/v1/chain-targets/{target.Id}", target);
        }).WithSummary("Add a target for a node: a registered firm or a prospect, with why it fits").ProducesValidationProblem();
        targets.MapGet("/{id:guid}", async (Guid id, HttpContext ctx) => TypedResults.Ok(await ctx.Send(new GetChainTarget(id))))
            .WithSummary("A target with its path: visits, projects, the node's status");
        targets.MapPost("/{id:guid}/status", async (Guid id, StatusBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new ChangeChainTargetStatus(id, b.To, b.Reason, b.Version))))
            .WithSummary("Move a target forward, drop it with a reason, or take it up again").ProducesValidationProblem();
        targets.MapPost("/{id:guid}/investor", async (Guid id, InvestorBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new LinkTargetInvestor(id, b.InvestorId, b.Version))))
            .WithSummary("Link a prospect target to its registered investor").ProducesValidationProblem();
        targets.MapPost("/{id:guid}/projects", async (Guid id, ProjectBody b, HttpContext ctx) =>
                TypedResults.Ok(await ctx.Send(new LinkTargetProject(id, b.ProjectId))))
            .WithSummary("Link one of my unit's projects with the target's firm to the target").ProducesValidationProblem();
    }
}
