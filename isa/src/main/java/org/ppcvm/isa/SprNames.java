package org.ppcvm.isa;

import java.util.List;

/**
 * The special-purpose register names that objdump's default PowerPC dialect (binutils 2.40: POWER10
 * plus every other processor's opcodes) uses for mfXXX/mtXXX simplified mnemonics. This is the
 * server-processor view of the SPR space; SPR numbers an e500mc gives other meanings (e.g. 1023 is
 * SVR there, PIR here) still print under these names so that the text matches objdump's.
 */
final class SprNames {
    private SprNames() {}

    /** Which of mfspr and mtspr objdump prints with the name. */
    enum Access {
        READ_WRITE,
        READ,
        WRITE;

        boolean reads() {
            return this != WRITE;
        }

        boolean writes() {
            return this != READ;
        }
    }

    /**
     * A name for SPR {@code spr}. An indexed name ({@code index >= 0}) is one of a numbered family
     * printed with the index as an operand, as in {@code mfsprg r3,2} or {@code mtibatl 1,r4}.
     */
    record SprName(int spr, String name, Access access, int index) {}

    static final List<SprName> ALL = List.of(
            spr(1, "xer"),
            spr(3, "udscr"),
            readOnly(4, "rtcu"),
            readOnly(5, "rtcl"),
            spr(8, "lr"),
            spr(9, "ctr"),
            spr(13, "uamr"),
            spr(17, "dscr"),
            spr(18, "dsisr"),
            spr(19, "dar"),
            writeOnly(20, "rtcu"),
            writeOnly(21, "rtcl"),
            spr(22, "dec"),
            spr(25, "sdr1"),
            spr(26, "srr0"),
            spr(27, "srr1"),
            spr(28, "cfar"),
            spr(29, "amr"),
            spr(48, "pidr"),
            spr(61, "iamr"),
            writeOnly(128, "tfhar"),
            writeOnly(129, "tfiar"),
            writeOnly(130, "texasr"),
            writeOnly(131, "texasru"),
            readOnly(136, "ctrl"),
            writeOnly(152, "ctrl"),
            spr(153, "fscr"),
            spr(157, "uamor"),
            spr(159, "pspb"),
            spr(176, "dpdes"),
            spr(180, "dawr0"),
            spr(181, "dawr1"),
            spr(186, "rpr"),
            spr(187, "ciabr"),
            spr(188, "dawrx0"),
            spr(189, "dawrx1"),
            spr(190, "hfscr"),
            spr(256, "vrsave"),
            readOnly(268, "tb"),
            readOnly(269, "tbu"),
            spr(280, "asr"),
            spr(282, "ear"),
            writeOnly(284, "tbl"),
            writeOnly(285, "tbu"),
            writeOnly(286, "tbu40"),
            readOnly(287, "pvr"),
            spr(306, "hdisr"),
            spr(307, "hdar"),
            spr(308, "spurr"),
            spr(309, "purr"),
            spr(310, "hdec"),
            spr(313, "hrmor"),
            spr(314, "hsrr0"),
            spr(315, "hsrr1"),
            spr(318, "lpcr"),
            spr(319, "lpidr"),
            spr(336, "hmer"),
            spr(337, "hmeer"),
            spr(338, "pcr"),
            spr(339, "heir"),
            spr(349, "amor"),
            readOnly(446, "tir"),
            spr(464, "ptcr"),
            spr(505, "urmor"),
            spr(506, "usrr0"),
            spr(507, "usrr1"),
            spr(511, "smfctrl"),
            readOnly(736, "usier2"),
            readOnly(737, "usier3"),
            readOnly(738, "ummcr3"),
            writeOnly(752, "sier2"),
            writeOnly(753, "sier3"),
            writeOnly(754, "mmcr3"),
            readOnly(768, "usier"),
            spr(769, "ummcr2"),
            spr(770, "ummcra"),
            spr(771, "upmc1"),
            spr(772, "upmc2"),
            spr(773, "upmc3"),
            spr(774, "upmc4"),
            spr(775, "upmc5"),
            spr(776, "upmc6"),
            spr(779, "ummcr0"),
            readOnly(780, "usiar"),
            readOnly(781, "usdar"),
            readOnly(782, "ummcr1"),
            writeOnly(784, "sier"),
            writeOnly(786, "mmcra"),
            writeOnly(787, "pmc1"),
            writeOnly(788, "pmc2"),
            writeOnly(789, "pmc3"),
            writeOnly(790, "pmc4"),
            writeOnly(791, "pmc5"),
            writeOnly(792, "pmc6"),
            writeOnly(795, "mmcr0"),
            writeOnly(796, "siar"),
            writeOnly(797, "sdar"),
            writeOnly(798, "mmcr1"),
            spr(800, "bescrs"),
            spr(801, "bescrsu"),
            spr(802, "bescrr"),
            spr(803, "bescrru"),
            spr(804, "ebbhr"),
            spr(805, "ebbrr"),
            spr(806, "bescr"),
            spr(815, "tar"),
            spr(816, "asdr"),
            spr(823, "psscr"),
            spr(848, "ic"),
            spr(849, "vtb"),
            spr(855, "hpsscr"),
            spr(896, "ppr"),
            spr(898, "ppr32"),
            readOnly(1023, "pir"),
            readOnly(259, "usprg3"),
            spr(304, "hsprg0"),
            spr(305, "hsprg1"),
            spr(496, "usprg0"),
            spr(497, "usprg1"),
            indexed(272, "sprg", 0),
            indexed(273, "sprg", 1),
            indexed(274, "sprg", 2),
            indexed(275, "sprg", 3),
            indexed(528, "ibatu", 0),
            indexed(529, "ibatl", 0),
            indexed(530, "ibatu", 1),
            indexed(531, "ibatl", 1),
            indexed(532, "ibatu", 2),
            indexed(533, "ibatl", 2),
            indexed(534, "ibatu", 3),
            indexed(535, "ibatl", 3),
            indexed(536, "dbatu", 0),
            indexed(537, "dbatl", 0),
            indexed(538, "dbatu", 1),
            indexed(539, "dbatl", 1),
            indexed(540, "dbatu", 2),
            indexed(541, "dbatl", 2),
            indexed(542, "dbatu", 3),
            indexed(543, "dbatl", 3));

    private static SprName spr(int spr, String name) {
        return new SprName(spr, name, Access.READ_WRITE, -1);
    }

    private static SprName readOnly(int spr, String name) {
        return new SprName(spr, name, Access.READ, -1);
    }

    private static SprName writeOnly(int spr, String name) {
        return new SprName(spr, name, Access.WRITE, -1);
    }

    private static SprName indexed(int spr, String name, int index) {
        return new SprName(spr, name, Access.READ_WRITE, index);
    }
}
