using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Chains;

/// <summary>What one node of a chain has locally on a day, its status under the chain's thresholds, and its targets.</summary>
public sealed record NodeStanding(Guid NodeId, ChainNodeStatus Status, NodeFigures Figures, int OpenTargets, int SignedTargets);

/// <summary>A chain's standing on a day: every node's, its completeness, and the totals its list row shows.</summary>
public sealed record ChainStanding(DateOnly Day, ChainCompleteness Completeness, decimal Investment, int OpenTargets, int SignedTargets,
    IReadOnlyList<NodeStanding> Nodes);

/// <summary>
/// One industry chain as its live object holds it: thresholds, member nodes (by name, for messages),
/// the "supplies" edges, and what decides each node's status — the spells of its local firms and
/// signed projects and its targets' counts. Changes check the chain's rules (acyclic, thresholds in
/// order, a node once per chain); <see cref="StandingOn"/> computes every figure the pages show.
/// A change is tried on a <see cref="Copy"/> and the copy kept only once it is stored.
/// </summary>
public sealed class ChainMap
{
    private readonly Dictionary<Guid, string> _nodes;
    private readonly HashSet<(Guid From, Guid To)> _edges;
    private readonly Dictionary<Guid, NodeInputs> _inputs;

    public ChainMap(Guid id, ChainThresholds thresholds, int version, IReadOnlyDictionary<Guid, string> nodes, IEnumerable<(Guid From, Guid To)> edges)
    {
        Id = id;
        Thresholds = thresholds;
        Version = version;
        _nodes = new Dictionary<Guid, string>(nodes);
        _edges = edges.Where(e => _nodes.ContainsKey(e.From) && _nodes.ContainsKey(e.To)).ToHashSet();
        _inputs = _nodes.Keys.ToDictionary(n => n, _ => NodeInputs.None);
    }

    private ChainMap(ChainMap from)
    {
        Id = from.Id;
        Thresholds = from.Thresholds;
        Version = from.Version;
        _nodes = new Dictionary<Guid, string>(from._nodes);
        _edges = [.. from._edges];
        _inputs = new Dictionary<Guid, NodeInputs>(from._inputs);
    }

    public Guid Id { get; }

    public ChainThresholds Thresholds { get; private set; }

    /// <summary>The chain row's version (its name, description and thresholds).</summary>
    public int Version { get; private set; }

    public IReadOnlyDictionary<Guid, string> Nodes => _nodes;

    public IReadOnlySet<(Guid From, Guid To)> Edges => _edges;

    public ChainMap Copy() => new(this);

    public bool Has(Guid nodeId) => _nodes.ContainsKey(nodeId);

    public string NameOf(Guid nodeId) => _nodes.TryGetValue(nodeId, out var name) ? name : throw new DomainException("chain.edge_node_outside");

    /// <summary>New thresholds (every node's status follows); refused when <paramref name="expectedVersion"/> is not the chain's.</summary>
    public void Revise(ChainThresholds thresholds, int expectedVersion)
    {
        if (expectedVersion != Version)
            throw new VersionConflictException("chain", Id);
        thresholds.EnsureValid();
        Thresholds = thresholds;
        Version++;
    }

    public void AddNode(Guid nodeId, string name)
    {
        if (!_nodes.TryAdd(nodeId, name))
            throw new DomainException("chain.node_already_member");
        _inputs[nodeId] = NodeInputs.None;
    }

    /// <summary>A shared node renamed (by this chain or another that has it).</summary>
    public void Rename(Guid nodeId, string name)
    {
        if (_nodes.ContainsKey(nodeId))
            _nodes[nodeId] = name;
    }

    /// <summary>Takes a node out with its edges in this chain; the edges it had are returned ("A → B").</summary>
    public IReadOnlyList<string> RemoveNode(Guid nodeId)
    {
        if (!_nodes.ContainsKey(nodeId))
            return [];
        var touching = _edges.Where(e => e.From == nodeId || e.To == nodeId).ToList();
        var described = touching.Select(e => Describe(e.From, e.To)).ToList();
        _edges.ExceptWith(touching);
        _nodes.Remove(nodeId);
        _inputs.Remove(nodeId);
        return described;
    }

    /// <summary>Adds "from supplies to", refused (naming the loop) when it would make the chain cyclic; returns how the edge is named.</summary>
    public string AddEdge(Guid from, Guid to)
    {
        var graph = new SupplyGraph(_nodes, _edges);
        graph.EnsureCanAdd(from, to);
        _edges.Add((from, to));
        return graph.Describe(from, to);
    }

    /// <summary>Removes an edge; false when the chain has no such edge.</summary>
    public bool RemoveEdge(Guid from, Guid to) => _edges.Remove((from, to));

    public string Describe(Guid from, Guid to) => new SupplyGraph(_nodes, []).Describe(from, to);

    /// <summary>What decides a node's status, as read afresh after a firm, project or target there changed. Nodes outside the chain are ignored.</summary>
    public void Observe(Guid nodeId, IEnumerable<FirmSpell> firms, IEnumerable<ProjectSpell> projects, int openTargets, int signedTargets)
    {
        if (_nodes.ContainsKey(nodeId))
            _inputs[nodeId] = new NodeInputs([.. firms], [.. projects], openTargets, signedTargets);
    }

    /// <summary>The nodes whose status counts this firm (confirmed there, or through a signed project) — where news of it matters.</summary>
    public IReadOnlySet<Guid> NodesCountingInvestor(Guid investorId) =>
        _inputs.Where(i => i.Value.Firms.Any(f => f.InvestorId == investorId) || i.Value.Projects.Any(p => p.InvestorId == investorId)).Select(i => i.Key).ToHashSet();

    /// <summary>The nodes whose status counts this project — where news of it matters even after it moved to another node.</summary>
    public IReadOnlySet<Guid> NodesCountingProject(Guid projectId) =>
        _inputs.Where(i => i.Value.Projects.Any(p => p.ProjectId == projectId)).Select(i => i.Key).ToHashSet();

    public NodeStanding StandingOf(Guid nodeId, DateOnly day)
    {
        var inputs = _inputs.GetValueOrDefault(nodeId) ?? NodeInputs.None;
        var figures = NodePresence.At(day, inputs.Firms, inputs.Projects);
        return new NodeStanding(nodeId, Thresholds.StatusOf(figures.Firms, figures.Investment), figures, inputs.OpenTargets, inputs.SignedTargets);
    }

    public ChainStanding StandingOn(DateOnly day)
    {
        var nodes = _nodes.Keys.Order().Select(n => StandingOf(n, day)).ToList();
        return new ChainStanding(day, ChainCompleteness.Of(nodes.Select(n => n.Status)), nodes.Sum(n => n.Figures.Investment),
            nodes.Sum(n => n.OpenTargets), nodes.Sum(n => n.SignedTargets), nodes);
    }

    private sealed record NodeInputs(IReadOnlyList<FirmSpell> Firms, IReadOnlyList<ProjectSpell> Projects, int OpenTargets, int SignedTargets)
    {
        public static NodeInputs None { get; } = new([], [], 0, 0);
    }
}
