using BizEnv.Invest.Domain.Common;

namespace BizEnv.Invest.Domain.Chains;

/// <summary>
/// The "supplies" relation of one chain: node A supplies node B (materials → components → assembly →
/// services). A chain is a directed acyclic graph, so a new edge is refused when it loops back on
/// itself, repeats an edge, or closes a cycle — and the refusal names the edge and the loop it would make.
/// </summary>
public sealed class SupplyGraph
{
    private readonly IReadOnlyDictionary<Guid, string> _names;
    private readonly Dictionary<Guid, HashSet<Guid>> _supplies;

    public SupplyGraph(IReadOnlyDictionary<Guid, string> names, IEnumerable<(Guid From, Guid To)> edges)
    {
        _names = names;
        _supplies = names.Keys.ToDictionary(id => id, _ => new HashSet<Guid>());
        foreach (var (from, to) in edges)
            if (_supplies.TryGetValue(from, out var next))
                next.Add(to);
    }

    /// <summary>"电池模组 → 电芯": how an edge is named in messages.</summary>
    public string Describe(Guid from, Guid to) => $"{Name(from)} → {Name(to)}";

    public void EnsureCanAdd(Guid from, Guid to)
    {
        if (!_supplies.ContainsKey(from) || !_supplies.ContainsKey(to))
            throw new DomainException("chain.edge_node_outside");
        if (from == to)
            throw new DomainException("chain.edge_self", Name(from));
        if (_supplies[from].Contains(to))
            throw new DomainException("chain.edge_exists", Describe(from, to));
        // from → to closes a cycle exactly when "to" already reaches "from".
        if (PathBetween(to, from) is { } back)
            throw new DomainException("chain.edge_cycle", Describe(from, to), string.Join(" → ", back.Prepend(from).Select(Name)));
    }

    /// <summary>The nodes on one path from <paramref name="start"/> to <paramref name="goal"/> (both included), or null. Breadth first: the shortest loop is the clearest to read.</summary>
    private List<Guid>? PathBetween(Guid start, Guid goal)
    {
        var cameFrom = new Dictionary<Guid, Guid> { [start] = start };
        var queue = new Queue<Guid>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            if (node == goal)
            {
                var path = new List<Guid> { node };
                while (node != start)
                    path.Add(node = cameFrom[node]);
                path.Reverse();
                return path;
            }
            // By name, so the loop a message names does not depend on the order edges were stored in.
            foreach (var next in _supplies[node].OrderBy(Name, StringComparer.Ordinal))
                if (cameFrom.TryAdd(next, node))
                    queue.Enqueue(next);
        }
        return null;
    }

    private string Name(Guid id) => _names.TryGetValue(id, out var name) ? name : id.ToString();
}
