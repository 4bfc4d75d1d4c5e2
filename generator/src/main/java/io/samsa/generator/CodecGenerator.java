package io.samsa.generator;

import io.samsa.generator.FieldType.Kind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Writes the bodies of a struct's {@code read}, {@code write} and {@code size} methods. Version
 * tests are emitted only where the struct's version range does not already decide them, and the
 * compact/nullable choice of each field is a constant where its versions allow. Stateless per call.
 */
final class CodecGenerator {
    private final StructSpec struct;
    private final Versions context;
    private final Versions flexible;

    CodecGenerator(StructSpec struct, Versions flexible) {
        this.struct = struct;
        this.context = struct.versions();
        this.flexible = flexible;
    }

    // ---- shared ----------------------------------------------------------------------------

    /** The versions in which {@code field} is positional (not tagged). */
    private Versions positional(FieldSpec field) {
        Versions versions = field.versions().intersect(context);
        Versions tagged = field.taggedVersions();
        if (tagged.isEmpty() || versions.isEmpty()) {
            return versions;
        }
        if (tagged.contains(versions)) {
            return Versions.NONE;
        }
        if (tagged.highest() >= versions.highest() && tagged.lowest() > versions.lowest()) {
            return new Versions(versions.lowest(), tagged.lowest() - 1);
        }
        throw new IllegalArgumentException(struct.name() + "." + field.name()
                + ": tagged versions must be a suffix of the field's versions");
    }

    private Versions taggedIn(FieldSpec field) {
        return field.taggedVersions().intersect(context);
    }

    private boolean hasTaggedSection() {
        return !flexible.intersect(context).isEmpty();
    }

    private String flexibleCondition() {
        return flexible.condition("_version", context);
    }

    private List<FieldSpec> taggedFieldsByTag() {
        List<FieldSpec> tagged = new ArrayList<>();
        for (FieldSpec field : struct.fields()) {
            if (field.isTagged() && !taggedIn(field).isEmpty()) {
                tagged.add(field);
            }
        }
        tagged.sort(Comparator.comparingInt(FieldSpec::tag));
        return tagged;
    }

    // ---- read ------------------------------------------------------------------------------

    void read(JavaCode code) {
        for (FieldSpec field : struct.fields()) {
            Versions positional = positional(field);
            String condition = positional.condition("_version", context);
            String target = "this." + field.name();
            if (condition.equals("true")) {
                readValue(code, field, target, compact(positional), nullable(field, positional));
            } else if (condition.equals("false")) {
                code.line(target + " = " + FieldValues.defaultValue(field) + ";");
            } else {
                code.open("if (" + condition + ")");
                readValue(code, field, target, compact(positional), nullable(field, positional));
                code.reopen("else");
                code.line(target + " = " + FieldValues.defaultValue(field) + ";");
                code.close();
            }
        }
        code.line("this._unknownTaggedFields = null;");
        if (!hasTaggedSection()) {
            return;
        }
        code.when(flexibleCondition(), () -> {
            code.line("int _numTaggedFields = _in.readTaggedFieldCount();");
            code.open("for (int _i = 0; _i < _numTaggedFields; _i++)");
            code.line("int _tag = _in.readUnsignedVarint();");
            code.line("int _size = _in.readTaggedFieldSize();");
            List<FieldSpec> tagged = taggedFieldsByTag();
            if (!tagged.isEmpty()) {
                code.open("switch (_tag)");
                for (FieldSpec field : tagged) {
                    Versions versions = taggedIn(field);
                    code.open("case " + field.tag() + ":");
                    code.open("if (" + always(versions.condition("_version", context)) + ")");
                    code.line("int _end = _in.remaining() - _size;");
                    readValue(code, field, "this." + field.name(), "true", nullable(field, versions));
                    code.open("if (_in.remaining() != _end)");
                    code.line("throw new ProtocolDecodeException(\"tagged field " + field.tag() + " of "
                            + struct.name() + " did not match its size \" + _size);");
                    code.close();
                    code.line("break;");
                    code.close();
                    code.line("this._unknownTaggedFields = _in.readUnknownTaggedField(this._unknownTaggedFields, _tag, _size);");
                    code.line("break;");
                    code.close();
                }
                code.line("default:");
                code.line("    this._unknownTaggedFields = _in.readUnknownTaggedField(this._unknownTaggedFields, _tag, _size);");
                code.line("    break;");
                code.close();
            } else {
                code.line("this._unknownTaggedFields = _in.readUnknownTaggedField(this._unknownTaggedFields, _tag, _size);");
            }
            code.close();
        });
    }

    private void readValue(JavaCode code, FieldSpec field, String target, String compact, String nullable) {
        FieldType type = field.type();
        switch (type.kind()) {
            case ARRAY -> {
                code.open("");
                code.line("int _count = _in.readArrayLength(" + compact + ", " + nullable + ");");
                code.open("if (_count < 0)");
                code.line(target + " = null;");
                code.reopen("else");
                String element = type.element().boxedJavaType();
                code.line("ArrayList<" + element + "> _list = new ArrayList<>(_count);");
                code.open("for (int _j = 0; _j < _count; _j++)");
                code.line("_list.add(" + readExpression(type.element(), compact, "false") + ");");
                code.close();
                code.line(target + " = _list;");
                code.close();
                code.close();
            }
            case RECORDS -> {
                code.open("");
                code.line("java.nio.ByteBuffer _slice = _in.readRecordsField(" + compact + ", " + nullable + ");");
                code.line(target + " = _slice == null ? null : new MemoryRecords(_slice);");
                code.close();
            }
            case STRUCT -> {
                String construct = "new " + type.structName() + "(_in, _version)";
                if (nullable.equals("false")) {
                    code.line(target + " = " + construct + ";");
                } else {
                    code.line(target + " = _in.readStructPresence(" + nullable + ") ? " + construct + " : null;");
                }
            }
            default -> code.line(target + " = " + readExpression(type, compact, nullable) + ";");
        }
    }

    private static String readExpression(FieldType type, String compact, String nullable) {
        return switch (type.kind()) {
            case BOOL -> "_in.readByte() != 0";
            case INT8 -> "_in.readByte()";
            case INT16 -> "_in.readShort()";
            case UINT16 -> "_in.readShort() & 0xFFFF";
            case INT32 -> "_in.readInt()";
            case UINT32 -> "_in.readInt() & 0xFFFFFFFFL";
            case INT64 -> "_in.readLong()";
            case FLOAT64 -> "_in.readDouble()";
            case UUID -> "_in.readUuid()";
            case STRING -> "_in.readStringField(" + compact + ", " + nullable + ")";
            case BYTES -> "_in.readBytesField(" + compact + ", " + nullable + ")";
            case STRUCT -> "new " + type.structName() + "(_in, _version)";
            default -> throw new IllegalStateException("no read expression for " + type);
        };
    }

    /** An if-condition for a test already known true: javac rejects "if (true) ... else". */
    private static String always(String condition) {
        return condition.equals("true") ? "_version >= 0" : condition;
    }

    private String compact(Versions within) {
        return flexible.condition("_version", within);
    }

    private static String nullable(FieldSpec field, Versions within) {
        return field.nullableVersions().condition("_version", within);
    }

    // ---- write -----------------------------------------------------------------------------

    void write(JavaCode code) {
        code.line("int _numTaggedFields = 0;");
        for (FieldSpec field : struct.fields()) {
            Versions positional = positional(field);
            Versions tagged = taggedIn(field);
            String positionalCondition = positional.condition("_version", context);
            boolean wroteIf = false;
            if (!positionalCondition.equals("false")) {
                if (positionalCondition.equals("true")) {
                    writeValue(code, field, compact(positional), nullable(field, positional));
                    continue;
                }
                code.open("if (" + positionalCondition + ")");
                writeValue(code, field, compact(positional), nullable(field, positional));
                wroteIf = true;
            }
            if (!tagged.isEmpty()) {
                String taggedCondition = tagged.condition("_version", context);
                String head = "if (" + always(taggedCondition) + ")";
                if (wroteIf) {
                    code.reopen("else " + head);
                } else {
                    code.open(head);
                    wroteIf = true;
                }
                code.open("if (" + FieldValues.differsFromDefault(field) + ")");
                code.line("_numTaggedFields++;");
                code.close();
            }
            boolean alwaysPresent = positional.contains(context) || field.versions().contains(context);
            if (!field.ignorable() && !alwaysPresent) {
                String head = "if (" + FieldValues.differsFromDefault(field) + ")";
                if (wroteIf) {
                    code.reopen("else " + head);
                } else {
                    code.open(head);
                    wroteIf = true;
                }
                code.line("throw new UnsupportedVersionException(\"" + struct.name() + "." + field.name()
                        + " has a non-default value, which version \" + _version + \" cannot carry\");");
            }
            if (wroteIf) {
                code.close();
            }
        }
        if (!hasTaggedSection()) {
            code.open("if (this._unknownTaggedFields != null && !this._unknownTaggedFields.isEmpty())");
            code.line("throw new UnsupportedVersionException(\"" + struct.name()
                    + " has tagged fields, which version \" + _version + \" cannot carry\");");
            code.close();
            return;
        }
        code.line("RawTaggedFieldWriter _rawWriter = RawTaggedFieldWriter.of(this._unknownTaggedFields);");
        code.open("if (this._unknownTaggedFields != null)");
        code.line("_numTaggedFields += this._unknownTaggedFields.size();");
        code.close();
        String flexibleCondition = flexibleCondition();
        code.open("if (" + always(flexibleCondition) + ")");
        code.line("_out.writeUnsignedVarint(_numTaggedFields);");
        for (FieldSpec field : taggedFieldsByTag()) {
            Versions tagged = taggedIn(field);
            String condition = tagged.condition("_version", context);
            String head = (condition.equals("true") ? "" : condition + " && ") + FieldValues.differsFromDefault(field);
            code.open("if (" + head + ")");
            code.line("_rawWriter.writeBefore(_out, " + field.tag() + ");");
            code.line("_out.writeUnsignedVarint(" + field.tag() + ");");
            code.line("int _fieldSize = 0;");
            sizeValue(code, field, "_fieldSize", "true", nullable(field, tagged));
            code.line("_out.writeUnsignedVarint(_fieldSize);");
            writeValue(code, field, "true", nullable(field, tagged));
            code.close();
        }
        code.line("_rawWriter.writeRest(_out);");
        if (!flexibleCondition.equals("true")) {
            code.reopen("else if (_numTaggedFields > 0)");
            code.line("throw new UnsupportedVersionException(\"" + struct.name()
                    + " has tagged fields, which version \" + _version + \" cannot carry\");");
        }
        code.close();
    }

    private void writeValue(JavaCode code, FieldSpec field, String compact, String nullable) {
        FieldType type = field.type();
        String value = "this." + field.name();
        switch (type.kind()) {
            case STRING, BYTES, RECORDS -> {
                String kind = type.kind() == Kind.STRING ? "String" : type.kind() == Kind.BYTES ? "Bytes" : "Records";
                String plain = "_out.write" + kind + "Field(" + value + ", " + compact + ");";
                String orNull = "_out.writeNullable" + kind + "Field(" + value + ", " + compact + ");";
                choose(code, nullable, orNull, plain);
            }
            case STRUCT -> {
                String plain = value + ".write(_out, _version);";
                if (nullable.equals("false")) {
                    code.line(plain);
                } else {
                    code.open("if (" + nullable + " && " + value + " == null)");
                    code.line("_out.writeByte((byte) -1);");
                    code.reopen("else");
                    code.open("if (" + nullable + ")");
                    code.line("_out.writeByte((byte) 1);");
                    code.close();
                    code.line(plain);
                    code.close();
                }
            }
            case ARRAY -> {
                code.open("if (" + value + " == null)");
                if (nullable.equals("false")) {
                    code.line("throw new NullPointerException(\"" + struct.name() + "." + field.name() + " is null\");");
                } else {
                    code.open("if (!(" + nullable + "))");
                    code.line("throw new NullPointerException(\"" + struct.name() + "." + field.name()
                            + " is null, which version \" + _version + \" cannot carry\");");
                    code.close();
                    code.line("_out.writeNullArrayLength(" + compact + ");");
                }
                code.reopen("else");
                code.line("_out.writeArrayLength(" + value + ".size(), " + compact + ");");
                FieldType element = type.element();
                code.open("for (" + element.boxedJavaType() + " _element : " + value + ")");
                code.line(writeStatement(element, "_element", compact));
                code.close();
                code.close();
            }
            default -> code.line(writeStatement(type, value, compact));
        }
    }

    private static void choose(JavaCode code, String condition, String whenTrue, String whenFalse) {
        switch (condition) {
            case "true" -> code.line(whenTrue);
            case "false" -> code.line(whenFalse);
            default -> {
                code.open("if (" + condition + ")");
                code.line(whenTrue);
                code.reopen("else");
                code.line(whenFalse);
                code.close();
            }
        }
    }

    private static String writeStatement(FieldType type, String value, String compact) {
        return switch (type.kind()) {
            case BOOL -> "_out.writeByte(" + value + " ? (byte) 1 : (byte) 0);";
            case INT8 -> "_out.writeByte(" + value + ");";
            case INT16 -> "_out.writeShort(" + value + ");";
            case UINT16 -> "_out.writeShort((short) " + unboxed(value, "intValue") + ");";
            case INT32 -> "_out.writeInt(" + value + ");";
            case UINT32 -> "_out.writeInt((int) " + unboxed(value, "longValue") + ");";
            case INT64 -> "_out.writeLong(" + value + ");";
            case FLOAT64 -> "_out.writeDouble(" + value + ");";
            case UUID -> "_out.writeUuid(" + value + ");";
            case STRING -> "_out.writeStringField(" + value + ", " + compact + ");";
            case BYTES -> "_out.writeBytesField(" + value + ", " + compact + ");";
            case STRUCT -> value + ".write(_out, _version);";
            default -> throw new IllegalStateException("no write statement for " + type);
        };
    }

    /** Array elements are boxed ("_element"); fields are primitives. */
    private static String unboxed(String value, String method) {
        return value.equals("_element") ? value + "." + method + "()" : value;
    }

    // ---- size ------------------------------------------------------------------------------

    void size(JavaCode code) {
        code.line("int _size = 0;");
        code.line("int _numTaggedFields = 0;");
        for (FieldSpec field : struct.fields()) {
            Versions positional = positional(field);
            code.when(positional.condition("_version", context),
                    () -> sizeValue(code, field, "_size", compact(positional), nullable(field, positional)));
            Versions tagged = taggedIn(field);
            if (!tagged.isEmpty()) {
                String condition = tagged.condition("_version", context);
                String head = (condition.equals("true") ? "" : condition + " && ") + FieldValues.differsFromDefault(field);
                code.open("if (" + head + ")");
                code.line("_numTaggedFields++;");
                code.line("int _fieldSize = 0;");
                sizeValue(code, field, "_fieldSize", "true", nullable(field, tagged));
                code.line("_size += WireFormat.unsignedVarintSize(" + field.tag()
                        + ") + WireFormat.unsignedVarintSize(_fieldSize) + _fieldSize;");
                code.close();
            }
        }
        if (hasTaggedSection()) {
            code.open("if (this._unknownTaggedFields != null)");
            code.line("_numTaggedFields += this._unknownTaggedFields.size();");
            code.line("_size += WireFormat.rawTaggedFieldsSize(this._unknownTaggedFields);");
            code.close();
            code.when(flexibleCondition(), () -> code.line("_size += WireFormat.unsignedVarintSize(_numTaggedFields);"));
        }
        code.line("return _size;");
    }

    private void sizeValue(JavaCode code, FieldSpec field, String total, String compact, String nullable) {
        FieldType type = field.type();
        String value = "this." + field.name();
        boolean anyNull = !field.nullableVersions().isEmpty();
        switch (type.kind()) {
            case STRING -> code.line(total + " += WireFormat." + (anyNull ? "nullableStringSize" : "stringSize")
                    + "(" + value + ", " + compact + ");");
            case BYTES -> code.line(total + " += WireFormat." + (anyNull ? "nullableBytesSize" : "bytesSize")
                    + "(" + value + ", " + compact + ");");
            case RECORDS -> code.line(total + " += WireFormat." + (anyNull ? "nullableRecordsSize" : "recordsSize")
                    + "(" + value + ", " + compact + ");");
            case STRUCT -> {
                if (nullable.equals("false")) {
                    code.line(total + " += " + value + ".size(_version);");
                } else {
                    code.line(total + " += (" + nullable + " ? 1 : 0) + (" + value + " == null ? 0 : "
                            + value + ".size(_version));");
                }
            }
            case ARRAY -> {
                code.open("if (" + value + " == null)");
                code.line(total + " += WireFormat.arrayLengthSize(-1, " + compact + ");");
                code.reopen("else");
                code.line(total + " += WireFormat.arrayLengthSize(" + value + ".size(), " + compact + ");");
                FieldType element = type.element();
                if (element.isFixedSize()) {
                    code.line(total + " += " + value + ".size() * " + element.kind().fixedSize + ";");
                } else {
                    code.open("for (" + element.boxedJavaType() + " _element : " + value + ")");
                    code.line(total + " += " + switch (element.kind()) {
                        case STRING -> "WireFormat.stringSize(_element, " + compact + ")";
                        case BYTES -> "WireFormat.bytesSize(_element, " + compact + ")";
                        case STRUCT -> "_element.size(_version)";
                        default -> throw new IllegalStateException("no size for " + element);
                    } + ";");
                    code.close();
                }
                code.close();
            }
            default -> code.line(total + " += " + type.kind().fixedSize + ";");
        }
    }
}
