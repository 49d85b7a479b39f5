using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Domain.Identity;
using Dapper;
using MediatR;

namespace BizEnv.Invest.Application.Home.GetClusterMembers;

/// <summary>
/// The admin's view of the cluster: every app process's silo as the membership table records it
/// (live ones first, then the most recent dead ones), read by SQL like any other query.
/// </summary>
[AllowRoles(Role.Admin)]
public sealed record GetClusterMembers : IQuery<IReadOnlyList<ClusterMemberDto>>;

/// <summary>Status is Orleans' SiloStatus name (Created, Joining, Active, ShuttingDown, Stopping, Dead).</summary>
public sealed record ClusterMemberDto(
    string Address, int SiloPort, int? GatewayPort, string SiloName, string HostName, string Status,
    DateTimeOffset StartedAt, DateTimeOffset LastAliveAt);

public sealed class GetClusterMembersHandler(IDbSession db, ClusterIdentity cluster) : IRequestHandler<GetClusterMembers, IReadOnlyList<ClusterMemberDto>>
{
    public async Task<IReadOnlyList<ClusterMemberDto>> Handle(GetClusterMembers request, CancellationToken ct)
    {
        var cn = await db.ConnectionAsync(ct);
        return (await cn.QueryAsync<ClusterMemberDto>(new CommandDefinition("""
            SELECT address AS Address, port AS SiloPort, proxy_port AS GatewayPort, silo_name AS SiloName, host_name AS HostName,
                   CASE status WHEN 1 THEN 'Created' WHEN 2 THEN 'Joining' WHEN 3 THEN 'Active' WHEN 4 THEN 'ShuttingDown'
                               WHEN 5 THEN 'Stopping' WHEN 6 THEN 'Dead' ELSE 'None' END AS Status,
                   start_time AS StartedAt, i_am_alive_time AS LastAliveAt
            FROM orleans_membership
            WHERE deployment_id = @clusterId
            ORDER BY status = 6, start_time DESC
            LIMIT 20
            """, new { clusterId = cluster.ClusterId }, cancellationToken: ct))).ToList();
    }
}
