using BizEnv.Invest.Application.Localization;

namespace BizEnv.Invest.Web.Tests;

public sealed class StringTableTests
{
    [Fact]
    public void Chinese_and_English_tables_have_the_same_keys()
    {
        Text.Keys(Text.Chinese).Except(Text.Keys(Text.English)).ShouldBeEmpty("keys without English");
        Text.Keys(Text.English).Except(Text.Keys(Text.Chinese)).ShouldBeEmpty("keys without Chinese");
    }

    [Fact]
    public void Every_key_the_code_uses_exists()
    {
        var src = Path.Combine(Testing.RepoPaths.Root, "src");
        var used = Directory.EnumerateFiles(src, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs") || f.EndsWith(".razor"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f),
                    @"(?:L\[|Text\.Get\(|Coded\.Text\(|WithText\(|FieldError\([^,]+, |DomainException\(|Problems\.Write\([^,]+, [^,]+, )""([a-z_]+\.[a-zA-Z_.0-9]+)""")
                .Select(m => m.Groups[1].Value))
            .ToHashSet();
        used.Count.ShouldBeGreaterThan(100);
        used.Except(Text.Keys(Text.Chinese)).ShouldBeEmpty("keys used in code but missing from Strings.zh-CN.json");
    }

    [Fact]
    public void Every_audited_action_and_object_has_words_in_both_languages()
    {
        var commands = typeof(Application.Abstractions.Done).Assembly.GetTypes()
            .Where(t => t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(Application.Abstractions.ICommand<>)))
            .Select(t => "auditaction." + t.Name).Append("auditaction." + Application.Audit.AuditActions.SignIn).ToList();
        commands.Count.ShouldBeGreaterThan(60);
        commands.Except(Text.Keys(Text.Chinese)).ShouldBeEmpty("actions without words");
        var src = Path.Combine(Testing.RepoPaths.Root, "src");
        var objectTypes = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"\.Target\(""([a-z-]+)""").Select(m => "auditobject." + m.Groups[1].Value))
            .ToHashSet();
        objectTypes.Count.ShouldBeGreaterThan(15);
        objectTypes.Except(Text.Keys(Text.Chinese)).ShouldBeEmpty("object types without words");
        foreach (var outcome in Application.Audit.AuditWords.Outcomes)
            Text.Keys(Text.Chinese).ShouldContain("audit.outcome." + outcome);
    }
}
