using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using Dapper;
using Npgsql;

namespace BizEnv.Invest.Application.Chains.Grain;

/// <summary>
/// The chain grain's writes of the chain's rows, one per command, inside the command's transaction.
/// Each first applies the change to the grain's copy of the chain (which refuses what breaks a rule),
/// then stores it; the grain keeps the copy only once the transaction has committed.
/// </summary>
public static class ChainWrites
{
    public static async Task<ChainMap> CreateAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid id, ChainSettings s, DateTimeOffset now, CancellationToken ct)
    {
        s.Thresholds.EnsureValid();
        var name = s.Name.Trim();
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                INSERT INTO chains (id, name, description, strong_min_firms, weak_min_firms, strong_min_investment, created_by, created_at, updated_at)
                VALUES (@id, @name, @description, @StrongMinFirms, @WeakMinFirms, @StrongMinInvestment, @UserId, @now, @now)
                """, new { id, name, description = Blank(s.Description), s.StrongMinFirms, s.WeakMinFirms, s.StrongMinInvestment, s.UserId, now }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FieldRuleException(nameof(s.Name), "chain.name_taken", name);
        }
        return new ChainMap(id, s.Thresholds, 1, new Dictionary<Guid, string>(), []);
    }

    public static async Task ReviseAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, ChainSettings s, DateTimeOffset now, CancellationToken ct)
    {
        map.Revise(s.Thresholds, s.Version);
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE chains SET name = @name, description = @description, strong_min_firms = @StrongMinFirms, weak_min_firms = @WeakMinFirms,
                                  strong_min_investment = @StrongMinInvestment, updated_at = @now, version = @Version
                WHERE id = @id
                """, new { id = map.Id, name = s.Name.Trim(), description = Blank(s.Description), s.StrongMinFirms, s.WeakMinFirms, s.StrongMinInvestment, now,
                map.Version }, tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FieldRuleException(nameof(s.Name), "chain.name_taken", s.Name.Trim());
        }
    }

    public static async Task SetEditorsAsync(NpgsqlConnection cn, NpgsqlTransaction tx, Guid chainId, ChainEditors e, DateTimeOffset now, CancellationToken ct)
    {
        var users = e.UserIds.Distinct().ToArray();
        // Only active promotion officers can be designated: the others could not use the right.
        var officers = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM users WHERE id = ANY(@users) AND NOT is_disabled AND 'PromotionOfficer' = ANY(roles)", new { users }, tx, cancellationToken: ct));
        if (officers != users.Length)
            throw new FieldRuleException("UserIds", "chain.editor_not_officer");
        await cn.ExecuteAsync(new CommandDefinition("""
            DELETE FROM chain_editors WHERE chain_id = @chainId AND NOT (user_id = ANY(@users));
            INSERT INTO chain_editors (chain_id, user_id, granted_by, granted_at)
            SELECT @chainId, u, @by, @now FROM unnest(@users) AS u ON CONFLICT DO NOTHING;
            """, new { chainId, users, by = e.UserId, now }, tx, cancellationToken: ct));
    }

    public static async Task<Guid> AddNodeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, NewChainNode r, DateTimeOffset now, CancellationToken ct)
    {
        Guid nodeId;
        string name;
        if (r.ExistingNodeId is { } existing)
        {
            name = await cn.ExecuteScalarAsync<string?>(new CommandDefinition("SELECT name FROM chain_nodes WHERE id = @existing", new { existing }, tx, cancellationToken: ct))
                ?? throw new FieldRuleException(nameof(r.ExistingNodeId), "chain.node_unknown");
            nodeId = existing;
            map.AddNode(nodeId, name);
        }
        else
        {
            name = r.Name!.Trim();
            var codes = ChainNodeCodes.Normalize(r.IndustryCodes);
            await ChainNodeCodes.EnsureKnown(cn, tx, codes, "IndustryCodes", ct);
            nodeId = Guid.NewGuid();
            map.AddNode(nodeId, name);
            try
            {
                await cn.ExecuteAsync(new CommandDefinition("""
                    INSERT INTO chain_nodes (id, name, description, created_at, updated_at) VALUES (@nodeId, @name, @description, @now, @now)
                    """, new { nodeId, name, description = Blank(r.Description), now }, tx, cancellationToken: ct));
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
            {
                throw new FieldRuleException("Name", "chain.node_name_taken", name);
            }
            await ChainNodeCodes.Replace(cn, tx, nodeId, codes, ct);
        }
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_members (chain_id, node_id, segment, is_extension, added_by, added_at)
            VALUES (@chainId, @nodeId, @segment, @IsExtension, @UserId, @now)
            """, new { chainId = map.Id, nodeId, segment = r.Segment.ToString(), r.IsExtension, r.UserId, now }, tx, cancellationToken: ct));
        // A shared node brings its firms and projects with it.
        await ChainBook.ObserveAsync(cn, tx, map, [nodeId], ct);
        return nodeId;
    }

    public static async Task UpdateNodeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, ChainNodeChange r, DateTimeOffset now, CancellationToken ct)
    {
        if (!map.Has(r.NodeId))
            throw new NotFoundException("chain_node", r.NodeId);
        // The node row is shared with other chains (whose grains may change it too): locked, and its version checked.
        var version = await cn.ExecuteScalarAsync<int>(new CommandDefinition(
            "SELECT version FROM chain_nodes WHERE id = @NodeId FOR UPDATE", new { r.NodeId }, tx, cancellationToken: ct));
        if (version != r.Version)
            throw new ConcurrencyConflictException("chain_node", r.NodeId);
        var name = r.Name.Trim();
        var codes = ChainNodeCodes.Normalize(r.IndustryCodes);
        await ChainNodeCodes.EnsureKnown(cn, tx, codes, "IndustryCodes", ct);
        try
        {
            await cn.ExecuteAsync(new CommandDefinition("""
                UPDATE chain_nodes SET name = @name, description = @description, updated_at = @now, version = version + 1 WHERE id = @NodeId;
                UPDATE chain_members SET segment = @segment, is_extension = @IsExtension WHERE chain_id = @chainId AND node_id = @NodeId;
                """, new { r.NodeId, chainId = map.Id, name, description = Blank(r.Description), now, segment = r.Segment.ToString(), r.IsExtension },
                tx, cancellationToken: ct));
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UniqueViolation)
        {
            throw new FieldRuleException("Name", "chain.node_name_taken", name);
        }
        await ChainNodeCodes.Replace(cn, tx, r.NodeId, codes, ct);
        map.Rename(r.NodeId, name);
    }

    /// <summary>A node leaves the chain with its edges there; one with targets in this chain stays (they are the chain's record of promotion work).</summary>
    public static async Task RemoveNodeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, Guid nodeId, CancellationToken ct)
    {
        if (!map.Has(nodeId))
            throw new NotFoundException("chain_node", nodeId);
        var name = map.NameOf(nodeId);
        var targets = await cn.ExecuteScalarAsync<long>(new CommandDefinition(
            "SELECT count(*) FROM chain_targets WHERE chain_id = @chainId AND node_id = @nodeId", new { chainId = map.Id, nodeId }, tx, cancellationToken: ct));
        if (targets > 0)
            throw new DomainException("chain.node_has_targets", name, targets);
        map.RemoveNode(nodeId);
        await cn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM chain_members WHERE chain_id = @chainId AND node_id = @nodeId", new { chainId = map.Id, nodeId }, tx, cancellationToken: ct));
    }

    /// <summary>The edge, checked on the grain's graph: refused naming the loop it would close.</summary>
    public static async Task AddEdgeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, ChainEdge e, DateTimeOffset now, CancellationToken ct)
    {
        map.AddEdge(e.From, e.To);
        await cn.ExecuteAsync(new CommandDefinition("""
            INSERT INTO chain_edges (chain_id, from_node, to_node, added_by, added_at) VALUES (@chainId, @From, @To, @UserId, @now)
            """, new { chainId = map.Id, e.From, e.To, e.UserId, now }, tx, cancellationToken: ct));
    }

    public static async Task RemoveEdgeAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, ChainEdge e, CancellationToken ct)
    {
        if (!map.RemoveEdge(e.From, e.To))
            throw new NotFoundException("chain_edge", $"{e.From}→{e.To}");
        await cn.ExecuteAsync(new CommandDefinition(
            "DELETE FROM chain_edges WHERE chain_id = @chainId AND from_node = @From AND to_node = @To", new { chainId = map.Id, e.From, e.To }, tx, cancellationToken: ct));
    }

    /// <summary>
    /// Confirms a firm at a node (counting from today; a dismissed suggestion may still be confirmed), or
    /// takes it off (a confirmed firm stops counting from today, a suggestion is dismissed for good).
    /// </summary>
    public static async Task DecideFirmAsync(NpgsqlConnection cn, NpgsqlTransaction tx, ChainMap map, NodeFirmDecision d, DateOnly today, DateTimeOffset now,
        CancellationToken ct)
    {
        if (!map.Has(d.NodeId))
            throw new NotFoundException("chain_node", d.NodeId);
        var node = map.NameOf(d.NodeId);
        var firm = await cn.QuerySingleOrDefaultAsync<(string Name, string? Status)?>(new CommandDefinition("""
            SELECT i.name, f.status FROM investors i
              LEFT JOIN chain_node_firms f ON f.investor_id = i.id AND f.node_id = @NodeId AND f.status <> 'Removed'
             WHERE i.id = @InvestorId
            """, new { d.NodeId, d.InvestorId }, tx, cancellationToken: ct)) ?? throw new FieldRuleException("InvestorId", "chain.firm_unknown");
        string sql;
        if (d.Confirm)
        {
            if (firm.Status == "Confirmed")
                throw new DomainException("chain.firm_already_confirmed", firm.Name, node);
            sql = firm.Status == "Dismissed"
                ? "UPDATE chain_node_firms SET status = 'Confirmed', confirmed_on = @today, decided_by = @UserId, decided_at = @now WHERE node_id = @NodeId AND investor_id = @InvestorId AND status = 'Dismissed'"
                : "INSERT INTO chain_node_firms (id, node_id, investor_id, status, confirmed_on, decided_by, decided_at) VALUES (@id, @NodeId, @InvestorId, 'Confirmed', @today, @UserId, @now)";
        }
        else
        {
            if (firm.Status == "Dismissed")
                throw new DomainException("chain.firm_already_dismissed", firm.Name, node);
            sql = firm.Status == "Confirmed"
                ? "UPDATE chain_node_firms SET status = 'Removed', removed_on = greatest(@today, confirmed_on), decided_by = @UserId, decided_at = @now WHERE node_id = @NodeId AND investor_id = @InvestorId AND status = 'Confirmed'"
                : "INSERT INTO chain_node_firms (id, node_id, investor_id, status, decided_by, decided_at) VALUES (@id, @NodeId, @InvestorId, 'Dismissed', @UserId, @now)";
        }
        await cn.ExecuteAsync(new CommandDefinition(sql, new { id = Guid.NewGuid(), d.NodeId, d.InvestorId, today, d.UserId, now }, tx, cancellationToken: ct));
        await ChainBook.ObserveAsync(cn, tx, map, [d.NodeId], ct);
    }

    internal static string? Blank(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}
