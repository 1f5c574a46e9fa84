import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import type { Attachment, LibraryEntry, Project } from '@groundbreak/contract';
import { ATTACHMENT_KIND_LABELS, PROJECT_STATE_LABELS } from '@groundbreak/contract';
import { Alert, Flex, Tag, Typography } from 'antd';
import { needsFor, upcomingStates } from './next-step';

const OK_COLOR = '#52c41a';
const TODO_COLOR = '#faad14';

/**
 * 推进前检查: what the next gate will ask for that the record does not have yet, so a user fills it in
 * before trying. The server's gate still decides (e.g. the format of 项目代码).
 */
export function NextStepCard({
  project,
  attachments,
  libraryEntries,
}: {
  project: Project;
  attachments: readonly Attachment[];
  libraryEntries: readonly LibraryEntry[];
}) {
  if (!project.abilities.move) return null;
  const needs = upcomingStates(project).map((to) => needsFor(project, to, attachments, libraryEntries));
  if (needs.length === 0) return null;
  return (
    <Flex vertical gap={8}>
      {needs.map((need) => {
        const missingFiles = need.attachments.filter((item) => !item.isUploaded);
        const isReady =
          missingFiles.length === 0 && need.missingFields.length === 0 && !need.needsLibraryEntry;
        return (
          <Alert
            key={need.to}
            type={isReady ? 'success' : 'warning'}
            showIcon
            icon={
              isReady ? (
                <CheckCircleFilled style={{ color: OK_COLOR }} />
              ) : (
                <ExclamationCircleFilled style={{ color: TODO_COLOR }} />
              )
            }
            title={
              isReady
                ? `进入「${PROJECT_STATE_LABELS[need.to]}」的材料和必填项已齐全，可以推进`
                : `推进到「${PROJECT_STATE_LABELS[need.to]}」前还需要`
            }
            description={
              isReady ? undefined : (
                <Flex vertical gap={6}>
                  {need.attachments.length > 0 && (
                    <Flex gap={6} wrap align="center">
                      <Typography.Text type="secondary">附件：</Typography.Text>
                      {need.attachments.map((item) => (
                        <Tag key={item.kind} color={item.isUploaded ? 'success' : 'warning'}>
                          {ATTACHMENT_KIND_LABELS[item.kind]}
                          {item.isUploaded ? ' 已上传' : ' 未上传'}
                        </Tag>
                      ))}
                    </Flex>
                  )}
                  {need.missingFields.length > 0 && (
                    <Flex gap={6} wrap align="center">
                      <Typography.Text type="secondary">待填写：</Typography.Text>
                      {need.missingFields.map((label) => (
                        <Tag key={label}>{label}</Tag>
                      ))}
                    </Flex>
                  )}
                  {need.needsLibraryEntry && (
                    <Typography.Text>
                      {need.needsLibraryEntry === 'applied'
                        ? '入库：已申报，等待区发改审核通过（立项前至少要进入区重点项目库）'
                        : '入库：至少进入区重点项目库（在「入库」中申报，区发改审核通过）'}
                    </Typography.Text>
                  )}
                </Flex>
              )
            }
          />
        );
      })}
    </Flex>
  );
}
