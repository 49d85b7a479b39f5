using BizEnv.Invest.Application.Abstractions;
using BizEnv.Invest.Application.Chains.AddChainNode;
using BizEnv.Invest.Application.Chains.CreateChain;
using BizEnv.Invest.Domain.Chains;

namespace BizEnv.Invest.Application.Tests.Chains;

/// <summary>A chain of the test's own (unique names, so tests of one class never share nodes), built through the real commands.</summary>
internal static class ChainBuilders
{
    public static string Unique(string name) => $"{name}-{Guid.NewGuid().ToString("N")[..6]}";

    public static async Task<Guid> NewChain(this AppFixture app, Actor admin, int strong = 3, int weak = 1) =>
        await app.Send(new CreateChain(Unique("测试产业链"), null, strong, weak, null), admin);

    public static async Task<Guid> NewNode(this AppFixture app, Actor editor, Guid chain, string name, ChainSegment segment, params string[] codes) =>
        await app.Send(new AddChainNode(chain, null, Unique(name), null, codes, segment, false), editor);
}
