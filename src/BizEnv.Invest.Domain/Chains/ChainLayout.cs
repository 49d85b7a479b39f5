namespace BizEnv.Invest.Domain.Chains;

/// <summary>
/// Fixed positions for drawing a chain left to right, so that even 200 nodes stay readable (a
/// force layout of that many nodes is a hairball). Columns follow the segment first (upstream,
/// midstream, downstream) and then the node's depth in the "supplies" graph (the longest chain of
/// suppliers before it), so every edge inside a segment and every upstream → downstream edge points
/// right. Within a column nodes are ordered by the average row of their suppliers, then of their
/// customers (one sweep each way), which keeps most edges short and uncrossed.
/// </summary>
public static class ChainLayout
{
    public sealed record Input(Guid Id, ChainSegment Segment);

    public sealed record Position(int Column, double Row);

    public sealed record Result(IReadOnlyDictionary<Guid, Position> Positions, int Columns, int Rows);

    /// <param name="nodes">In the order to keep when nothing else decides (e.g. by name).</param>
    public static Result Arrange(IReadOnlyList<Input> nodes, IReadOnlyCollection<(Guid From, Guid To)> edges)
    {
        if (nodes.Count == 0)
            return new Result(new Dictionary<Guid, Position>(), 0, 0);
        var index = nodes.Select((n, i) => (n.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var inside = edges.Where(e => index.ContainsKey(e.From) && index.ContainsKey(e.To) && e.From != e.To).ToList();
        var depth = Depths(nodes, inside);

        var keys = nodes.Select(n => (Segment: (int)n.Segment, Depth: depth[n.Id])).Distinct().Order().ToList();
        var columnOf = nodes.ToDictionary(n => n.Id, n => keys.IndexOf(((int)n.Segment, depth[n.Id])));
        var columns = Enumerable.Range(0, keys.Count)
            .Select(c => nodes.Where(n => columnOf[n.Id] == c).Select(n => n.Id).ToList()).ToList();

        var suppliers = inside.ToLookup(e => e.To, e => e.From);
        var customers = inside.ToLookup(e => e.From, e => e.To);
        var row = new Dictionary<Guid, double>();
        foreach (var column in columns)
            Place(column, row, suppliers, index);
        for (var c = columns.Count - 2; c >= 0; c--)
            Place(columns[c], row, customers, index);

        var rows = columns.Max(c => c.Count);
        var positions = new Dictionary<Guid, Position>();
        for (var c = 0; c < columns.Count; c++)
        {
            // Short columns sit in the middle of the tallest one.
            var offset = (rows - columns[c].Count) / 2.0;
            for (var r = 0; r < columns[c].Count; r++)
                positions[columns[c][r]] = new Position(c, offset + r);
        }
        return new Result(positions, columns.Count, rows);
    }

    /// <summary>Orders a column by the mean row of its already-placed neighbours (input order where a node has none) and records the rows.</summary>
    private static void Place(List<Guid> column, Dictionary<Guid, double> row, ILookup<Guid, Guid> neighbours, Dictionary<Guid, int> index)
    {
        double Key(Guid id, int current)
        {
            var placed = neighbours[id].Where(row.ContainsKey).Select(n => row[n]).ToList();
            return placed.Count > 0 ? placed.Average() : row.GetValueOrDefault(id, current);
        }
        var ordered = column.Select((id, i) => (id, key: Key(id, i), tie: index[id])).OrderBy(x => x.key).ThenBy(x => x.tie).Select(x => x.id).ToList();
        column.Clear();
        column.AddRange(ordered);
        for (var r = 0; r < column.Count; r++)
            row[column[r]] = r;
    }

    /// <summary>The longest run of suppliers before each node (Kahn's order); nodes on a cycle, which the rules never allow, stay at 0.</summary>
    private static Dictionary<Guid, int> Depths(IReadOnlyList<Input> nodes, List<(Guid From, Guid To)> edges)
    {
        var depth = nodes.ToDictionary(n => n.Id, _ => 0);
        var incoming = nodes.ToDictionary(n => n.Id, _ => 0);
        foreach (var e in edges)
            incoming[e.To]++;
        var next = edges.ToLookup(e => e.From, e => e.To);
        var ready = new Queue<Guid>(nodes.Where(n => incoming[n.Id] == 0).Select(n => n.Id));
        while (ready.Count > 0)
        {
            var id = ready.Dequeue();
            foreach (var to in next[id])
            {
                depth[to] = Math.Max(depth[to], depth[id] + 1);
                if (--incoming[to] == 0)
                    ready.Enqueue(to);
            }
        }
        return depth;
    }
}
