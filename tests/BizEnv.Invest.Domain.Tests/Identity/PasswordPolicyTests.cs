using BizEnv.Invest.Domain.Identity;

namespace BizEnv.Invest.Domain.Tests.Identity;

public sealed class PasswordPolicyTests
{
    [Theory]
    [InlineData("Haichuan#2026")]
    [InlineData("haichuan2026!")]  // lower + digit + symbol
    [InlineData("HAICHUAN2026x")]  // upper + digit + lower
    [InlineData("招商引资Invest2026")] // CJK characters count as symbols
    public void Strong_passwords_pass(string password) =>
        PasswordPolicy.Check(password, "officer").ShouldBeEmpty();

    [Fact]
    public void Nine_characters_are_too_short() =>
        PasswordPolicy.Check("Abcdef12!", "x").ShouldBe(["password.too_short"]);

    [Fact]
    public void Two_character_classes_are_too_simple() =>
        PasswordPolicy.Check("abcdefgh12", "x").ShouldBe(["password.too_simple"]);

    [Fact]
    public void The_user_name_is_refused_whatever_its_case() =>
        PasswordPolicy.Check("Officer2026!", "officer2026!").ShouldContain("password.equals_user_name");

    [Fact]
    public void Every_broken_rule_is_reported_at_once() =>
        PasswordPolicy.Check("abc", "x").ShouldBe(["password.too_short", "password.too_simple"]);

    [Fact]
    public void An_empty_password_is_required() =>
        PasswordPolicy.Check("", "x").ShouldBe(["password.required"]);
}
