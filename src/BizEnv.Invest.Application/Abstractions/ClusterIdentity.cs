namespace BizEnv.Invest.Application.Abstractions;

/// <summary>Which Orleans cluster this process's silo belongs to: the key of its rows in the membership table.</summary>
public sealed record ClusterIdentity(string ClusterId);
