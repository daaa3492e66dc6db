using Msnp.Protocol.Messages;

namespace Msnp.Protocol.Tests.Messages;

public class MessageFormatTests
{
    private const string CatalogueExample = "FN=MS%20Sans%20Serif; EF=BI; CO=ff0000; CS=0; PF=22";

    [Fact]
    public void Parses_the_catalogue_example()
    {
        var format = MessageFormat.Parse(CatalogueExample);

        Assert.Equal("MS Sans Serif", format.FontName);
        Assert.Equal(FontEffects.Bold | FontEffects.Italic, format.Effects);
        Assert.Equal((byte)0xFF, format.Color!.Value.Blue);
        Assert.Equal((byte)0, format.Color!.Value.Red);
        Assert.Equal((byte)0, format.CharSet);
        Assert.Equal((byte)0x22, format.PitchAndFamily);
        Assert.Equal(FontFamilyKind.Swiss, format.Family);
        Assert.Equal(FontPitch.Variable, format.Pitch);
        Assert.False(format.RightToLeft);
        Assert.Empty(format.OtherParameters);
        Assert.Equal(CatalogueExample, format.ToString());
    }

    [Fact]
    public void Writes_fn_first_then_ef_co_cs_pf_rl_whatever_the_input_order()
    {
        var format = MessageFormat.Parse("rl=1;pf=12;cs=80;co=0;ef=SUIB;fn=Arial");

        Assert.Equal("FN=Arial; EF=BIUS; CO=0; CS=80; PF=12; RL=1", format.ToString());
        Assert.Equal(FontEffects.Bold | FontEffects.Italic | FontEffects.Underline | FontEffects.Strikethrough, format.Effects);
        Assert.Equal((byte)0x80, format.CharSet);
        Assert.True(format.RightToLeft);
    }

    [Fact]
    public void Empty_effects_unknown_letters_and_missing_parts()
    {
        var format = MessageFormat.Parse("EF=; CO=ff");

        Assert.Equal(FontEffects.None, format.Effects);
        Assert.Null(format.FontName);
        Assert.Null(format.CharSet);
        Assert.Equal(BgrColor.FromRgb(255, 0, 0), format.Color);
        Assert.Equal("EF=; CO=ff", format.ToString());
        Assert.Equal(FontEffects.Bold, MessageFormat.Parse("EF=BXZ").Effects);
    }

    [Fact]
    public void Unknown_and_unreadable_parameters_are_kept_after_the_known_ones()
    {
        var format = MessageFormat.Parse("XX=1; CO=zzz; FN=Tahoma; PF=123");

        Assert.Null(format.Color);
        Assert.Null(format.PitchAndFamily);
        Assert.Equal(["XX", "CO", "PF"], format.OtherParameters.Select(p => p.Key));
        Assert.Equal("FN=Tahoma; XX=1; CO=zzz; PF=123", format.ToString());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData(";;; ;")]
    [InlineData("garbage without equals")]
    [InlineData("FN=%; FN=%zz; CO=-1; CS=; PF=g")]
    public void Junk_never_throws(string? value)
    {
        var format = MessageFormat.Parse(value);

        Assert.NotNull(format.ToString());
    }

    [Theory]
    [InlineData("Comic Sans MS", "Comic%20Sans%20MS")]
    [InlineData("ＭＳ Ｐゴシック", "ＭＳ%20Ｐゴシック")]
    [InlineData("100% Font", "100%25%20Font")]
    [InlineData("semi;colon", "semi%3Bcolon")]
    public void Font_names_escape_only_spaces_and_header_breakers(string name, string wire)
    {
        var format = new MessageFormat { FontName = name };

        Assert.Equal("FN=" + wire, format.ToString());
        Assert.Equal(name, MessageFormat.Parse(format.ToString()).FontName);
    }

    [Fact]
    public void Font_name_decoding_accepts_any_escape_and_keeps_broken_ones()
    {
        Assert.Equal("Times New Roman", MessageFormat.Parse("FN=Times%20New%20Roman").FontName);
        Assert.Equal("é", MessageFormat.Parse("FN=%C3%A9").FontName);
        Assert.Equal("50%", MessageFormat.Parse("FN=50%").FontName);
        Assert.Equal("a%zzb", MessageFormat.Parse("FN=a%zzb").FontName);
    }

    [Fact]
    public void Built_formats_are_equal_to_their_parsed_form()
    {
        var format = new MessageFormat
        {
            FontName = "Segoe UI",
            Effects = FontEffects.Underline,
            Color = BgrColor.FromRgb(0x12, 0x34, 0x56),
            CharSet = 0xEE,
            PitchAndFamily = MessageFormat.ToPitchAndFamily(FontFamilyKind.Roman, FontPitch.Fixed),
        };

        Assert.Equal("FN=Segoe%20UI; EF=U; CO=563412; CS=ee; PF=11", format.ToString());
        Assert.Equal(format, MessageFormat.Parse(format.ToString()));
        Assert.NotEqual(format, format with { RightToLeft = true });
    }
}
