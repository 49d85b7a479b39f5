using BizEnv.Invest.Domain.Crm;

namespace BizEnv.Invest.Domain.Tests.Crm;

public sealed class CreditCodeTests
{
    // Published codes of well-known companies (from their public business registrations).
    [Theory]
    [InlineData("914403001922038216")] // 华为技术有限公司
    [InlineData("9144030071526726XG")] // 深圳市腾讯计算机系统有限公司
    [InlineData("91330100799655058B")] // 阿里巴巴（中国）有限公司
    [InlineData("91110000802100433B")] // 北京百度网讯科技有限公司
    public void Real_published_codes_pass(string code) => CreditCode.Check(code).ShouldBeNull();

    [Fact]
    public void Lower_case_and_spaces_are_normalised_before_checking() =>
        CreditCode.IsValid(" 9144030071526726xg ").ShouldBeTrue();

    [Fact]
    public void A_code_typed_in_full_width_reads_like_its_ascii_form()
    {
        // As a Chinese input method types it: full-width digits, letters and an ideographic space.
        CreditCode.Normalize("９１４４０３００７１５２６７２６ｘｇ\u3000").ShouldBe("9144030071526726XG");
        CreditCode.IsValid("９１４４０３００７１５２６７２６ＸＧ").ShouldBeTrue();
    }

    [Theory]
    [InlineData("914403001922038217", '6', '7')] // last character changed
    [InlineData("9144030071526726XH", 'G', 'H')]
    public void A_wrong_check_character_names_the_expected_one(string code, char expected, char actual)
    {
        var problem = CreditCode.Check(code)!;
        problem.Code.ShouldBe("credit_code.check_char");
        problem.Args.ShouldBe([expected, actual]);
    }

    [Fact]
    public void Changing_any_single_character_of_a_real_code_is_detected()
    {
        const string real = "914403001922038216";
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < 18; i++)
        {
            foreach (var c in alphabet.Where(c => c != real[i]))
                CreditCode.IsValid(real[..i] + c + real[(i + 1)..]).ShouldBeFalse($"position {i + 1} → {c}");
        }
    }

    [Fact]
    public void A_forbidden_letter_is_named_with_its_position()
    {
        var problem = CreditCode.Check("91440300O922038216")!;
        problem.Code.ShouldBe("credit_code.invalid_char");
        problem.Args.ShouldBe([9, 'O']);
    }

    [Theory]
    [InlineData("", 0)]
    [InlineData("91440300192203821", 17)]
    [InlineData("9144030019220382160", 19)]
    public void A_wrong_length_is_refused_with_the_length(string code, int length)
    {
        var problem = CreditCode.Check(code)!;
        problem.Code.ShouldBe("credit_code.length");
        problem.Args.ShouldBe([length]);
    }
}
