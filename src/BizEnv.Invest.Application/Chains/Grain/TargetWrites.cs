using BizEnv.Invest.Application.Chains.Targets;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Grain;

/// <summary>The chain grain's writes of its targets 招商目标库, inside the command's transaction; each reads the node's target counts again.</summary>
public static class TargetWrites
{
    /// <summary>
    /// The label comes from the node as the grain holds it now — 补链 for a missing node, 强链 for a
    /// present one, 延链 for a link added to extend the chain — and is kept.
    /// </summary>
    public static async Task<ChainTargetSummary> AddAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, NewChainTarget r, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        if (!map.Has(r.NodeId))
            throw new FieldRuleException("NodeId", "chain.target_node_outside");
        var isExtension = await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
            "SELECT is_extension FROM chain_members WHERE chain_id = @chainId AND node_id = @NodeId", new { chainId = map.Id, r.NodeId }, tx, cancellationToken: ct));
        var label = ChainTargetRules.LabelFor(map.StandingOf(r.NodeId, today).Status, isExtension);
        string name;
        if (r.InvestorId is { } investor)
        {
            name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM investors WHERE id = @investor", new { investor }, tx, cancellationToken: ct))
                ?? throw new FieldRuleException("InvestorId", "chain.firm_unknown");
        }
        else
        {
            name = r.ProspectName!.Trim();
            // A prospect already in the registry should be the registered firm, so its visits and projects join up.
            if (await cn.ExecuteScalarAsync<bool>(new CommandDefinition("SELECT EXISTS (SELECT 1 FROM investors WHERE lower(name) = lower(@name))",
                    new { name }, tx, cancellationToken: ct)))
                throw new FieldRuleException("ProspectName", "chain.prospect_registered", name);
        }
        if (r.OwnerId is { } o && !await cn.ExecuteScalarAsync<bool>(new CommandDefinition(
                "SELECT EXISTS (SELECT 1 FROM users WHERE id = @o AND NOT is_disabled AND 'PromotionOfficer' = ANY(roles))", new { o }, tx, cancellationToken: ct)))
            throw new FieldRuleException("OwnerId", "chain.target_owner_not_officer");
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO chain_targets (id, chain_id, node_id, investor_id, prospect_name, prospect_region, is_fortune500, is_china500, reason, label, status,
                                           unit_id, owner_id, created_by, created_at, updated_at)
                VALUES (@Id, @chainId, @NodeId, @InvestorId, @prospect, @region, @IsFortune500, @IsChina500, @reason, @label, 'Identified',
                        @UnitId, @OwnerId, @UserId, @now, @now)
                """, new
            {
                r.Id, chainId = map.Id, r.NodeId, r.InvestorId, prospect = r.InvestorId is null ? name : null, region = ChainWrites.Blank(r.ProspectRegion),
                r.IsFortune500, r.IsChina500, reason = r.Reason.Trim(), label = label.ToString(), r.UnitId, r.OwnerId, r.UserId, now,
            }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FieldRuleException(r.InvestorId is null ? "ProspectName" : "InvestorId", "chain.target_duplicate", name, map.NameOf(r.NodeId));
        }
        await ChainBook.ObserveAsync(cn, tx, map, [r.NodeId], ct);
        return await TargetLoad.Reload(cn, tx, r.Id, ct);
    }

    public static async Task<ChainTargetSummary> ChangeStatusAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, TargetStatusChange r, DateTimeOffset now,
        CancellationToken ct)
    {
        var row = await TargetLoad.Current(cn, tx, map.Id, r.TargetId, r.Version, ct);
        ChainTargetRules.EnsureManualMove(row.StoredStatus, r.To, r.Reason, row.HasSignedProject);
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE chain_targets SET status = @to, dropped_reason = CASE WHEN @to = 'Dropped' THEN @reason END, updated_at = @now, version = version + 1
            WHERE id = @TargetId
            """, new { r.TargetId, to = r.To.ToString(), reason = r.Reason?.Trim(), now }, tx, cancellationToken: ct));
        await ChainBook.ObserveAsync(cn, tx, map, [row.NodeId], ct);
        return await TargetLoad.Reload(cn, tx, r.TargetId, ct);
    }

    /// <summary>A prospect has been registered: the target is linked to the firm once; what was typed stays on record.</summary>
    public static async Task<ChainTargetSummary> LinkInvestorAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, TargetInvestorLink r, DateTimeOffset now,
        CancellationToken ct)
    {
        var row = await TargetLoad.Current(cn, tx, map.Id, r.TargetId, r.Version, ct);
        ChainTargetRules.EnsureOpen(row.StoredStatus);
        if (row.InvestorId is not null)
            throw new DomainException("chain.target_has_investor", row.Name);
        var name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM investors WHERE id = @InvestorId", r, tx, cancellationToken: ct))
            ?? throw new FieldRuleException("InvestorId", "chain.firm_unknown");
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE chain_targets SET investor_id = @InvestorId, updated_at = @now, version = version + 1 WHERE id = @TargetId
                """, new { r.TargetId, r.InvestorId, now }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FieldRuleException("InvestorId", "chain.target_duplicate", name, row.NodeName);
        }
        return await TargetLoad.Reload(cn, tx, r.TargetId, ct);
    }

    /// <summary>
    /// One of the unit's projects with the target's firm is linked to it: it then counts at the target's
    /// node, and the target is at least 洽谈中. Other chains hear of the project once this commits.
    /// </summary>
    public static async Task<ChainTargetSummary> LinkProjectAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map,
        TargetProjectLink r, DateTimeOffset now, CancellationToken ct)
    {
        var target = await TargetLoad.Current(cn, tx, map.Id, r.TargetId, null, ct);
        ChainTargetRules.EnsureOpen(target.StoredStatus);
        if (target.InvestorId is null)
            throw new DomainException("chain.target_needs_investor", target.Name);
        var project = await cn.QuerySingleOrDefaultAsync<(Guid InvestorId, string Number, string Stage, Guid? TargetId)?>(new CommandDefinition(
            "SELECT investor_id, number, stage, chain_target_id FROM projects WHERE id = @ProjectId FOR UPDATE", r, tx, cancellationToken: ct))
            ?? throw new NotFoundException("project", r.ProjectId);
        var (investor, number, stage, linked) = project;
        if (investor != target.InvestorId)
            throw new FieldRuleException("ProjectId", "chain.target_project_other_firm", number, target.Name);
        if (stage == nameof(Domain.Crm.ProjectStage.Terminated))
            throw new FieldRuleException("ProjectId", "chain.target_project_terminated", number);
        if (linked is { } other)
            throw new FieldRuleException("ProjectId", other == r.TargetId ? "chain.target_project_already" : "chain.target_project_other_target", number);
        // The project's row is the project's; the link is written here, in the target's transaction, so a target never points at a project that does not point back.
        await cn.ExecuteAsync(new CommandDefinition("""
            UPDATE projects SET chain_target_id = @TargetId, chain_node_id = @node, updated_at = @now, version = version + 1 WHERE id = @ProjectId
            """, new { r.TargetId, r.ProjectId, node = target.NodeId, now }, tx, cancellationToken: ct));
        await TargetLoad.Touch(cn, tx, r.TargetId, ChainTargetRules.AfterProjectLinked(target.StoredStatus), now, ct);
        await ChainBook.ObserveAsync(cn, tx, map, [.. map.NodesCountingProject(r.ProjectId), target.NodeId], ct);
        return await TargetLoad.Reload(cn, tx, r.TargetId, ct);
    }
}
