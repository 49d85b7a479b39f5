using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.ListFirmSuggestions;
using BizEnv.Invest.Application.Chains.Targets;
using BizEnv.Invest.Application.Crm;
using BizEnv.Invest.Application.Zones.ListZones;
using BizEnv.Invest.Domain.Common;
using BizEnv.Invest.Domain.Crm;
using BizEnv.Invest.Domain.Identity;
using BizEnv.Invest.Domain.Zones;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Chains.GetChainNode;

/// <summary>
/// What a click on a node opens: its local firms (confirmed, or present through a signed project there)
/// and the suggestions awaiting a decision, the projects at the node, its targets, its suppliers and
/// customers in the chain, and the zones whose leading industries match its codes with what they can still offer.
/// </summary>
[AllowRoles(Role.PromotionOfficer, Role.Leader, Role.Admin)]
public sealed record GetChainNode(Guid ChainId, Guid NodeId) : IQuery<ChainNodeDetail>, ICallsGrains;

public sealed class GetChainNodeHandler(IDbSession db, ActorContext actor, IMediator mediator, TimeProvider clock, Orleans.IGrainFactory grains) : IRequestHandler<GetChainNode, ChainNodeDetail>
{
    public async Task<ChainNodeDetail> Handle(GetChainNode r, CancellationToken ct)
    {
        var me = actor.Actor;
        var cn = await db.ConnectionAsync(ct);
        var snapshot = await ChainSnapshot.LoadAsync(cn, null, r.ChainId, ct);
        var member = snapshot.Member(r.NodeId);
        var today = clock.Today();
        var node = GetChain.GetChainHandler.ToDto(member, await StoredStanding.NodeAsync(cn, grains, r.ChainId, r.NodeId, today, ct), null);

        var local = snapshot.FirmsAt(r.NodeId, today).ToArray();
        using var grid = await cn.QueryMultipleAsync(new CommandDefinition($"""
            SELECT i.id AS InvestorId, i.name AS Name, i.industry_code AS IndustryCode, ind.name_zh AS IndustryName,
                   CASE WHEN f.confirmed_on IS NOT NULL THEN 'Confirmed' ELSE 'Project' END AS Source,
                   coalesce(f.confirmed_on, (SELECT min(coalesce({ChainSql.SignedOn}, p.stage_date)) FROM projects p
                                              WHERE p.investor_id = i.id AND p.chain_node_id = @NodeId AND {ChainSql.IsSigned})) AS Since,
                   (SELECT count(*) FROM projects p WHERE p.investor_id = i.id AND {ChainSql.IsSigned})::int AS SignedProjects
              FROM investors i
              LEFT JOIN industries ind ON ind.code = i.industry_code
              LEFT JOIN chain_node_firms f ON f.investor_id = i.id AND f.node_id = @NodeId AND f.status = 'Confirmed'
             WHERE i.id = ANY(@local) ORDER BY i.name;
            SELECT p.id AS Id, p.number AS Number, p.name AS Name, i.name AS InvestorName, p.stage AS Stage, p.planned_investment AS PlannedInvestment,
                   p.jobs AS Jobs, p.chain_node_id IS NOT NULL AS Direct, p.unit_id AS UnitId
              FROM projects p JOIN investors i ON i.id = p.investor_id
             WHERE p.stage <> 'Terminated'
               AND (p.chain_node_id = @NodeId OR (p.chain_node_id IS NULL AND p.investor_id IN (
                    SELECT investor_id FROM chain_node_firms WHERE node_id = @NodeId AND status = 'Confirmed')))
             ORDER BY p.planned_investment DESC, p.number LIMIT 200;
            {TargetRow.Select} WHERE t.chain_id = @ChainId AND t.node_id = @NodeId ORDER BY t.created_at DESC;
            """, new { r.ChainId, r.NodeId, local }, cancellationToken: ct));
        var firms = (await grid.ReadAsync<NodeFirmDto>()).ToList();
        var projects = (await grid.ReadAsync<ProjectRow>()).ToList();
        var targets = (await grid.ReadAsync<TargetRow>()).Select(t => t.ToDto()).ToList();
        // Projects are a unit's records: an officer sees their own unit's here and a count of the rest.
        var readable = projects.Where(p => CrmAccess.MayRead(me, p.UnitId)).ToList();

        var suggestions = (await ListFirmSuggestionsHandler.Suggestions(cn, null, r.ChainId, r.NodeId, ct)).Select(s => s.Firm).ToList();
        var names = snapshot.Members.ToDictionary(m => m.NodeId, m => m.Name);
        var suppliers = snapshot.Edges.Where(e => e.To == r.NodeId).Select(e => names[e.From]).Order().ToList();
        var customers = snapshot.Edges.Where(e => e.From == r.NodeId).Select(e => names[e.To]).Order().ToList();
        var zones = await ZonesFor(member.Codes, ct);
        return new ChainNodeDetail(r.ChainId, node, firms, suggestions,
            readable.Select(p => new NodeProjectDto(p.Id, p.Number, p.Name, p.InvestorName, Enum.Parse<ProjectStage>(p.Stage), p.PlannedInvestment, p.Jobs, p.Direct)).ToList(),
            projects.Count - readable.Count, targets, suppliers, customers, zones, await ChainAccess.IsEditor(cn, null, me, r.ChainId, ct));
    }

    /// <summary>Zones whose park leads in one of the node's industries (prefix match either way: C38 ⊃ C3841), most land available first.</summary>
    private async Task<IReadOnlyList<ZoneFitDto>> ZonesFor(IReadOnlyList<string> codes, CancellationToken ct)
    {
        if (codes.Count == 0)
            return [];
        var zones = await mediator.Send(new ListZones(), ct);
        return zones
            .Select(z => (Zone: z, Matching: z.LeadingIndustries.Where(l => codes.Any(c => IndustryMatch.Matches([l], c))).ToList()))
            .Where(x => x.Matching.Count > 0)
            .Select(x =>
            {
                decimal Available(Resource res) => x.Zone.Capacity.Single(c => c.Resource == res).Available;
                return new ZoneFitDto(x.Zone.Id, x.Zone.Name, x.Zone.ParkName, x.Matching, Available(Resource.Land), Available(Resource.FactorySpace), Available(Resource.Power));
            })
            .OrderByDescending(z => z.LandAvailableM2).ThenBy(z => z.ZoneName).ToList();
    }

    private sealed record ProjectRow(Guid Id, string Number, string Name, string InvestorName, string Stage, decimal PlannedInvestment, int? Jobs, bool Direct, Guid UnitId);
}
