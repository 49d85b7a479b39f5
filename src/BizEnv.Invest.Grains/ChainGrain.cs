using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.Grain;
using BizEnv.Invest.Application.Common.Grains;
using BizEnv.Invest.Application.Errors;
using BizEnv.Invest.Domain.Chains;
using BizEnv.Invest.Domain.Common;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans;

namespace BizEnv.Invest.Grains;

/// <summary>
/// A chain's single writer: its graph and what decides its nodes' status are held in memory from
/// activation; each command is tried on a copy, stored with its audit row, idempotency key and the
/// chain's recomputed standing in one transaction, and the copy kept once that has committed.
/// </summary>
public sealed class ChainGrain(CommandJournal journal, NpgsqlDataSource dataSource, TimeProvider clock, ILogger<ChainGrain> log) : Grain, IChainGrain
{
    private ChainMap? _map;

    private Guid Id => this.GetPrimaryKey();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        await using var cn = await dataSource.OpenConnectionAsync(cancellationToken);
        _map = await ChainBook.LoadAsync(cn, null, Id, cancellationToken);
    }

    public Task<GrainReply> Create(ChainSettings settings, CommandContext context) => Guarded(async () =>
    {
        if (await LoadedAsync() is not null)
            throw new ConcurrencyConflictException("chain", Id);
        ChainMap? created = null;
        var today = clock.Today();
        var outcome = await journal.RunAsync(context, async (cn, tx) =>
        {
            created = await ChainWrites.CreateAsync(cn, tx, Id, settings, clock.GetUtcNow(), CancellationToken.None);
            await ChainBook.WriteStandingAsync(cn, tx, Id, created.StandingOn(today), CancellationToken.None);
            return Id;
        });
        if (outcome.Committed)
            _map = created;
        return outcome.Reply;
    });

    public Task<GrainReply> Revise(ChainSettings settings, CommandContext context) =>
        Change(context, (cn, tx, map) => AsDone(ChainWrites.ReviseAsync(cn, tx, map, settings, clock.GetUtcNow(), CancellationToken.None)));

    public Task<GrainReply> SetEditors(ChainEditors editors, CommandContext context) =>
        Change(context, (cn, tx, _) => AsDone(ChainWrites.SetEditorsAsync(cn, tx, Id, editors, clock.GetUtcNow(), CancellationToken.None)));

    public Task<GrainReply> AddNode(NewChainNode node, CommandContext context) =>
        Change(context, (cn, tx, map) => ChainWrites.AddNodeAsync(cn, tx, map, node, clock.GetUtcNow(), CancellationToken.None));

    public Task<GrainReply> UpdateNode(ChainNodeChange change, CommandContext context) =>
        Change(context, (cn, tx, map) => AsDone(ChainWrites.UpdateNodeAsync(cn, tx, map, change, clock.GetUtcNow(), CancellationToken.None)), [change.NodeId]);

    public Task<GrainReply> RemoveNode(Guid nodeId, CommandContext context) =>
        Change(context, (cn, tx, map) => AsDone(ChainWrites.RemoveNodeAsync(cn, tx, map, nodeId, CancellationToken.None)));

    public Task<GrainReply> AddEdge(ChainEdge edge, CommandContext context) =>
        Change(context, (cn, tx, map) => AsDone(ChainWrites.AddEdgeAsync(cn, tx, map, edge, clock.GetUtcNow(), CancellationToken.None)));

    public Task<GrainReply> RemoveEdge(ChainEdge edge, CommandContext context) =>
        Change(context, (cn, tx, map) => AsDone(ChainWrites.RemoveEdgeAsync(cn, tx, map, edge, CancellationToken.None)));

    public Task<GrainReply> DecideFirm(NodeFirmDecision decision, CommandContext context) =>
        Change(context, (cn, tx, map) => AsDone(ChainWrites.DecideFirmAsync(cn, tx, map, decision, clock.Today(), clock.GetUtcNow(), CancellationToken.None)),
            [decision.NodeId]);

    public Task<GrainReply> AddTarget(NewChainTarget target, CommandContext context) =>
        Change(context, (cn, tx, map) => TargetWrites.AddAsync(cn, tx, map, target, clock.Today(), clock.GetUtcNow(), CancellationToken.None));

    public Task<GrainReply> ChangeTargetStatus(TargetStatusChange change, CommandContext context) =>
        Change(context, (cn, tx, map) => TargetWrites.ChangeStatusAsync(cn, tx, map, change, clock.GetUtcNow(), CancellationToken.None));

    public Task<GrainReply> LinkTargetInvestor(TargetInvestorLink link, CommandContext context) =>
        Change(context, (cn, tx, map) => TargetWrites.LinkInvestorAsync(cn, tx, map, link, clock.GetUtcNow(), CancellationToken.None));

    public async Task<GrainReply> LinkTargetProject(TargetProjectLink link, CommandContext context)
    {
        var reply = await Change(context, (cn, tx, map) => TargetWrites.LinkProjectAsync(cn, tx, map, link, clock.GetUtcNow(), CancellationToken.None));
        // The project now counts at the target's node and no longer where it counted before, maybe in other chains:
        // they hear of it through the router, after this turn (it calls this chain too, which must not wait on itself).
        if (reply.Refusal is null)
            ChainNews.ProjectChanged(GrainFactory, link.ProjectId).Ignore();
        return reply;
    }

    public Task Hear(PresenceNews news) => GrainFaults.Portable(async () =>
    {
        if (await LoadedAsync() is not { } map)
            return;
        var nodes = news.NodeIds.Where(map.Has).ToHashSet();
        if (news.InvestorId is { } investor)
            nodes.UnionWith(map.NodesCountingInvestor(investor));
        if (news.ProjectId is { } project)
            nodes.UnionWith(map.NodesCountingProject(project));
        if (nodes.Count == 0)
            return;
        var next = map.Copy();
        await using var cn = await dataSource.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        await ChainBook.ObserveAsync(cn, tx, next, [.. nodes], CancellationToken.None);
        await ChainBook.WriteStandingAsync(cn, tx, Id, next.StandingOn(clock.Today()), CancellationToken.None);
        await tx.CommitAsync();
        _map = next;
    }, log, Id);

    public Task BringUpToDate() => GrainFaults.Portable(async () =>
    {
        await using var cn = await dataSource.OpenConnectionAsync();
        await using var tx = await cn.BeginTransactionAsync();
        if (await ChainBook.LoadAsync(cn, tx, Id, CancellationToken.None) is not { } map)
            return;
        await ChainBook.WriteStandingAsync(cn, tx, Id, map.StandingOn(clock.Today()), CancellationToken.None);
        await tx.CommitAsync();
        _map = map;
    }, log, Id);

    private static async Task<Done> AsDone(Task work)
    {
        await work;
        return Done.Value;
    }

    /// <summary>
    /// One command on the chain: tried on a copy inside the journal's transaction with the standing it
    /// leads to; kept once committed. Chains sharing <paramref name="sharedNodes"/> hear of the change after it.
    /// </summary>
    private Task<GrainReply> Change<T>(CommandContext context, Func<NpgsqlConnection, NpgsqlTransaction, ChainMap, Task<T>> work, Guid[]? sharedNodes = null) =>
        Guarded(async () =>
        {
            var next = (await LoadedAsync() ?? throw new NotFoundException("chain", Id)).Copy();
            var today = clock.Today();
            var outcome = await journal.RunAsync(context, async (cn, tx) =>
            {
                var result = await work(cn, tx, next);
                await ChainBook.WriteStandingAsync(cn, tx, Id, next.StandingOn(today), CancellationToken.None);
                return result;
            });
            if (outcome.Committed)
            {
                _map = next;
                if (sharedNodes is not null)
                    await TellSharingAsync(sharedNodes);
            }
            else if (outcome.Reply.Refusal?.Kind == RefusalKind.OutcomeUnknown)
                _map = null; // committed or not, nobody knows: read the chain again on the next call
            return outcome.Reply;
        });

    /// <summary>
    /// Other chains with these nodes hear of the change (a rename, a firm confirmed or taken off). Not
    /// waited for: two chains sharing a node may be telling each other at the same moment.
    /// </summary>
    private async Task TellSharingAsync(Guid[] nodes)
    {
        IReadOnlyList<Guid> others;
        await using (var cn = await dataSource.OpenConnectionAsync())
            others = await ChainBook.SharingAsync(cn, Id, nodes, CancellationToken.None);
        foreach (var other in others)
            GrainFactory.GetGrain<IChainGrain>(other).Hear(new PresenceNews(nodes, null, null)).Ignore();
    }

    /// <summary>The chain held, read now if it was not there at activation (or was dropped after an unknown outcome).</summary>
    private async Task<ChainMap?> LoadedAsync()
    {
        if (_map is null)
        {
            await using var cn = await dataSource.OpenConnectionAsync();
            _map = await ChainBook.LoadAsync(cn, null, Id, CancellationToken.None);
        }
        return _map;
    }

    private Task<GrainReply> Guarded(Func<Task<GrainReply>> command) => GrainFaults.Answer(command, log, Id);
}

/// <summary>Routes news of a firm or project to the chains; keeps nothing, so it runs wherever it is called.</summary>
[Orleans.Concurrency.StatelessWorker]
public sealed class ChainDirectoryGrain(NpgsqlDataSource dataSource, ILogger<ChainDirectoryGrain> log) : Grain, IChainDirectoryGrain
{
    public Task InvestorChanged(Guid investorId) => Tell(cn => ChainDirectory.InvestorNodesAsync(cn, investorId, CancellationToken.None),
        nodes => new PresenceNews(nodes, investorId, null));

    public Task ProjectChanged(Guid projectId) => Tell(cn => ChainDirectory.ProjectNodesAsync(cn, projectId, CancellationToken.None),
        nodes => new PresenceNews(nodes, null, projectId));

    /// <summary>
    /// Every chain hears it: where the firm or project counts now is read here, but where it counted
    /// before (a project moved to another node) only each chain knows. A chain it does not concern reads nothing.
    /// </summary>
    private Task Tell(Func<NpgsqlConnection, Task<Guid[]>> where, Func<Guid[], PresenceNews> news) => GrainFaults.Portable(async () =>
    {
        Guid[] nodes;
        IReadOnlyList<Guid> chains;
        await using (var cn = await dataSource.OpenConnectionAsync())
        {
            nodes = await where(cn);
            chains = await ChainDirectory.ChainsAsync(cn, CancellationToken.None);
        }
        var message = news(nodes);
        await Task.WhenAll(chains.Select(c => GrainFactory.GetGrain<IChainGrain>(c).Hear(message)));
    }, log, Guid.Empty);
}
